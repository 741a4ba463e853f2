/// Easy Read wording: one idea a sentence, everyday words, the person's name rather than a role.
/// `whose` is "your" for the person themselves, or "Alan's" for anyone else in the team.
extension Relationship {
  public func easyRead(name: String, whose: String) -> String {
    switch self {
    case .family: "\(name) is \(whose) family."
    case .friend: "\(name) is \(whose) friend."
    case .worker: "\(name) is one of \(whose) care workers."
    case .backupWorker: "\(name) comes when \(whose) usual worker cannot."
    case .professional: "\(name) is a professional, like a doctor or a social worker."
    case .advocate: "\(name) helps \(whose == "your" ? "you" : String(whose.dropLast(2))) speak up."
    }
  }
}

extension Account {
  /// The first name, for short sentences: "Amina Hussain" → "Amina".
  public var firstName: String { Self.firstName(of: name) }

  /// The first word of a name as shown ("Amina" of "Amina Hussain"), for names met as text.
  public static func firstName(of name: String) -> String {
    name.split(separator: " ").first.map(String.init) ?? name
  }
}
