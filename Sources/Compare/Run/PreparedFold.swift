// The inputs of one fold, scaled with statistics of its training rows only: the one
// place where features and raw signals are prepared for every model of a fold.
import Deep
import Features
import LinearAlgebra

/// The inputs of one fold, scaled with statistics of its training rows, made on demand.
final class PreparedFold: @unchecked Sendable {
  // Only used from the runner's thread; a class so the lazily computed parts are cached.
  let data: ComparisonData
  let fold: Fold
  let trainLabels: [Int]
  let testLabels: [Int]
  private var featureCache: (train: Matrix<Double>, test: Matrix<Double>)?
  private var signalCache: (train: SignalWindows, test: SignalWindows)?

  init(data: ComparisonData, fold: Fold) {
    self.data = data; self.fold = fold
    trainLabels = fold.train.map { data.labels[$0] }
    testLabels = fold.test.map { data.labels[$0] }
  }

  func features() -> (train: Matrix<Double>, test: Matrix<Double>) {
    if let featureCache { return featureCache }
    let x = data.features!
    // The UCI step (Features.FeatureScaler): min–max to [-1, 1] fitted on training rows.
    let scaling = FeatureScaler.fit(x, rows: fold.train)
    let result = (scaling.transform(x.rows(fold.train)), scaling.transform(x.rows(fold.test)))
    featureCache = result
    return result
  }

  /// The fold's raw windows, standardised per channel with Deep's `ChannelStandardizer`
  /// fitted on the training windows only.
  func signals() throws -> (train: SignalWindows, test: SignalWindows) {
    if let signalCache { return signalCache }
    let x = data.signals!
    let train = x.windows(fold.train), test = x.windows(fold.test)
    let standardizer = try ChannelStandardizer(fitting: train.values, channels: x.channels)
    func standardized(_ w: SignalWindows) throws -> SignalWindows {
      SignalWindows(count: w.count, timeSteps: w.timeSteps, channels: w.channels, values: try standardizer.transform(w.values))
    }
    let result = (try standardized(train), try standardized(test))
    signalCache = result
    return result
  }

}
