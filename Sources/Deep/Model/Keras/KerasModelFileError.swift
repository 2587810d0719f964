// The one error a Keras model file can produce: where, what we expected, what we found.

/// A Keras model file that cannot be read or asks for something Deep does not build.
///
/// Printed like a compiler message, naming the layer (its position in the file's `layers`
/// list, its Keras name and class) and the option with its value:
/// ```
/// net.json:1: layers[3] "lstm_1" (LSTM): expected recurrent_dropout 0 (Deep has no recurrent dropout), found 0.2
/// ```
public struct KerasModelFileError: Error, CustomStringConvertible, Equatable {
  /// The file as given by the caller.
  public var path: String
  /// 1-based line of the offending value (Keras writes the whole model on line 1).
  public var line: Int
  /// The layer or section concerned, e.g. `layers[3] "lstm_1" (LSTM)`, or nil for the file as a whole.
  public var context: String?
  public var expected: String
  public var found: String

  public init(path: String, line: Int, context: String?, expected: String, found: String) {
    self.path = path
    self.line = line
    self.context = context
    self.expected = expected
    self.found = found
  }

  public var description: String {
    "\(path):\(line): " + (context.map { "\($0): " } ?? "") + "expected \(expected), found \(found)"
  }
}
