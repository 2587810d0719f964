// A published number as data: who said it (citation), about which model, in which
// metric, under which protocol, and what we had to guess to rebuild the model. The
// built-in claims (`BuiltInClaims`) and a user's claims file (`ClaimsFile`) have the
// same form, so they share the verdict and "explained by" machinery.
//
// JSON form (docs/claims.schema.json): {"id", "citation": {…}, "model", "architecture",
// "metric", "value", "threshold"?, "protocol": {…}, "guessed": […], "known_differences": […], "note"?}.

/// Where a claim was published.
public struct Citation: Sendable, Equatable, Hashable, Codable {
  /// "Zebin, T., Sperrin, M., Peek, N., Casson, A. J."
  public var authors: String
  public var title: String
  /// Journal, conference or site, e.g. "IEEE EMBC 2018".
  public var venue: String?
  public var year: Int?
  public var url: String?

  public init(authors: String, title: String, venue: String? = nil, year: Int? = nil, url: String? = nil) {
    self.authors = authors; self.title = title; self.venue = venue; self.year = year; self.url = url
  }

  /// "Zebin et al. (2018)", "Bhandari & Annamalai": the first author's surname, "et al."
  /// for three or more authors, and the year.
  public var short: String {
    let names = authors.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
    func surname(_ s: String) -> String { String(s.split(separator: ",").first ?? Substring(s)).trimmingCharacters(in: .whitespaces) }
    var text: String
    switch names.count {
    case 0: text = "“\(title)”"
    case 1: text = surname(names[0])
    case 2: text = "\(surname(names[0])) & \(surname(names[1]))"
    default: text = "\(surname(names[0])) et al."
    }
    if let year { text += " (\(year))" }
    return text
  }

  /// The full reference: authors, "title", venue, year, URL.
  public var reference: String {
    var parts = [authors.isEmpty ? "“\(title)”" : "\(authors.replacingOccurrences(of: ";", with: ",")): “\(title)”"]
    if let venue { parts.append(venue) }
    if let year { parts.append(String(year)) }
    if let url { parts.append("<\(url)>") }
    return parts.joined(separator: ", ")
  }
}

/// One published number.
public struct PublishedClaim: Sendable, Equatable, Codable {
  /// Unique within the claims of a run, `[a-z0-9-]`, e.g. `zebin2018-lstm-bn`.
  public var id: String
  public var citation: Citation
  /// Our model's name (a preset, a classic model or a model file's name).
  public var model: String
  /// The architecture as the source describes it.
  public var architecture: String
  public var metric: ClaimMetric
  /// The number: a fraction in [0, 1] for rates, epochs for `epochsToTrainingAccuracy`.
  public var value: Double
  /// The training accuracy an `epochsToTrainingAccuracy` claim counts epochs to, e.g. 0.98.
  public var threshold: Double?
  /// How the source measured it.
  public var setup: ClaimProtocol
  /// What the source left unstated and we chose (layer sizes, dropout rate, …); a
  /// non-empty list puts "architecture guessed" beside the verdict.
  public var guessed: [String]
  /// Differences between the source's protocol and ours that no replica removes (data
  /// release, test-set size, sensor placement).
  public var knownDifferences: [String]
  /// Anything else a reader should know.
  public var note: String?

  public init(id: String, citation: Citation, model: String, architecture: String, metric: ClaimMetric, value: Double,
              threshold: Double? = nil, setup: ClaimProtocol, guessed: [String] = [], knownDifferences: [String] = [],
              note: String? = nil) {
    self.id = id; self.citation = citation; self.model = model; self.architecture = architecture; self.metric = metric
    self.value = value; self.threshold = threshold; self.setup = setup; self.guessed = guessed
    self.knownDifferences = knownDifferences; self.note = note
  }

  enum CodingKeys: String, CodingKey {
    case id, citation, model, architecture, metric, value, threshold, setup = "protocol", guessed
    case knownDifferences = "known_differences", note
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    citation = try c.decode(Citation.self, forKey: .citation)
    model = try c.decode(String.self, forKey: .model)
    architecture = try c.decodeIfPresent(String.self, forKey: .architecture) ?? model
    metric = try c.decode(ClaimMetric.self, forKey: .metric)
    value = try c.decode(Double.self, forKey: .value)
    threshold = try c.decodeIfPresent(Double.self, forKey: .threshold)
    setup = try c.decode(ClaimProtocol.self, forKey: .setup)
    guessed = try c.decodeIfPresent([String].self, forKey: .guessed) ?? []
    knownDifferences = try c.decodeIfPresent([String].self, forKey: .knownDifferences) ?? []
    note = try c.decodeIfPresent(String.self, forKey: .note)
  }

  /// Whether the model had to be partly guessed.
  public var architectureGuessed: Bool { !guessed.isEmpty }

  /// The value as the report prints it: "92.37 %" or "20 epochs".
  public var valueText: String {
    metric.isRate ? String(format: "%.2f %%", 100 * value) : String(format: "%.0f epochs", value)
  }
}
