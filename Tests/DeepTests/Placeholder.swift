import Deep
