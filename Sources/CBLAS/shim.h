// OpenBLAS's CBLAS interface (Debian: libopenblas-dev puts cblas.h on the default
// include path through the alternatives system). Also declares
// openblas_set_num_threads / openblas_get_num_threads / openblas_get_config.
#include <cblas.h>
