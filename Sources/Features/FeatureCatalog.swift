// The 561 feature names of UCI HAR v1.0 (`features.txt`), generated from the structure
// of the vector rather than typed out, so that the names and the extractor share one
// layout. The tests compare every row with `features.txt` when it is present.
//
// The generator reproduces the file's quirks exactly, because downstream tools match
// names as strings:
// - `maxInds` has no parentheses (`fBodyAcc-maxInds-X`);
// - magnitude `arCoeff()` has no comma (`tBodyAccMag-arCoeff()1`);
// - skewness and kurtosis alternate per axis (`…-skewness()-X`, `…-kurtosis()-X`, …);
// - the bandsEnergy names repeat for X, Y and Z without an axis;
// - three frequency magnitudes are spelled `fBodyBody…` (`fBodyBodyAccJerkMag`), but
//   `fBodyAccMag` is not;
// - two angle names are irregular: `angle(tBodyAccMean,gravity)` and
//   `angle(tBodyAccJerkMean),gravityMean)`.

/// Names and layout of the 561-feature vector.
public enum FeatureCatalog {
  /// The number of features, 561.
  public static let count = 561

  /// The bands of `bandsEnergy()` as 1-based inclusive bin ranges of the 64 one-sided
  /// bins: 8 bands of 8, 4 of 16, 2 of 24 (bins 49…64 are not in any 24-bin band).
  public static let bands: [(first: Int, last: Int)] =
    stride(from: 1, through: 57, by: 8).map { ($0, $0 + 7) }
    + stride(from: 1, through: 49, by: 16).map { ($0, $0 + 15) }
    + [(1, 24), (25, 48)]

  static let axes = ["X", "Y", "Z"]

  /// The 561 names in `features.txt` order.
  public static let names: [String] = {
    var names: [String] = []
    func timeTriaxial(_ s: String) {
      for f in ["mean()", "std()", "mad()", "max()", "min()"] { for a in axes { names.append("\(s)-\(f)-\(a)") } }
      names.append("\(s)-sma()")
      for f in ["energy()", "iqr()", "entropy()"] { for a in axes { names.append("\(s)-\(f)-\(a)") } }
      for a in axes { for k in 1...4 { names.append("\(s)-arCoeff()-\(a),\(k)") } }
      for pair in ["X,Y", "X,Z", "Y,Z"] { names.append("\(s)-correlation()-\(pair)") }
    }
    func timeMagnitude(_ s: String) {
      for f in ["mean()", "std()", "mad()", "max()", "min()", "sma()", "energy()", "iqr()", "entropy()"] {
        names.append("\(s)-\(f)")
      }
      for k in 1...4 { names.append("\(s)-arCoeff()\(k)") }
    }
    func frequencyTriaxial(_ s: String) {
      for f in ["mean()", "std()", "mad()", "max()", "min()"] { for a in axes { names.append("\(s)-\(f)-\(a)") } }
      names.append("\(s)-sma()")
      for f in ["energy()", "iqr()", "entropy()", "maxInds", "meanFreq()"] { for a in axes { names.append("\(s)-\(f)-\(a)") } }
      for a in axes { names.append("\(s)-skewness()-\(a)"); names.append("\(s)-kurtosis()-\(a)") }
      for _ in axes { for band in bands { names.append("\(s)-bandsEnergy()-\(band.first),\(band.last)") } }
    }
    func frequencyMagnitude(_ s: String) {
      for f in ["mean()", "std()", "mad()", "max()", "min()", "sma()", "energy()", "iqr()", "entropy()",
                "maxInds", "meanFreq()", "skewness()", "kurtosis()"] {
        names.append("\(s)-\(f)")
      }
    }
    for s in ["tBodyAcc", "tGravityAcc", "tBodyAccJerk", "tBodyGyro", "tBodyGyroJerk"] { timeTriaxial(s) }
    for s in ["tBodyAccMag", "tGravityAccMag", "tBodyAccJerkMag", "tBodyGyroMag", "tBodyGyroJerkMag"] { timeMagnitude(s) }
    for s in ["fBodyAcc", "fBodyAccJerk", "fBodyGyro"] { frequencyTriaxial(s) }
    for s in ["fBodyAccMag", "fBodyBodyAccJerkMag", "fBodyBodyGyroMag", "fBodyBodyGyroJerkMag"] { frequencyMagnitude(s) }
    names += [
      "angle(tBodyAccMean,gravity)", "angle(tBodyAccJerkMean),gravityMean)", "angle(tBodyGyroMean,gravityMean)",
      "angle(tBodyGyroJerkMean,gravityMean)", "angle(X,gravityMean)", "angle(Y,gravityMean)", "angle(Z,gravityMean)",
    ]
    precondition(names.count == 561, "feature catalogue has \(names.count) names, expected 561")
    return names
  }()

  /// The 0-based position of the first feature called `name`, or nil. (bandsEnergy
  /// names occur three times; this returns the X one.)
  public static func index(of name: String) -> Int? { names.firstIndex(of: name) }
}
