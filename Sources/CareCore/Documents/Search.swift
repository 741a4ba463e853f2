import Foundation

/// What someone typed into a search box, as the words to look for: runs of letters and digits, folded to
/// lower case, at most eight of them (each a prefix: "assess" finds "assessment"). Anything else (spaces,
/// punctuation, quotes, the engines' query operators) only separates words.
public enum SearchWords {
  public static let longestQuery = 100
  public static let mostWords = 8

  public static func validated(_ query: String?) throws(CareError) -> [String] {
    let text = query ?? ""
    if TextRules.firstForbidden(in: text, multiline: false) != nil {
      throw .invalid("q", "What you search for must not contain control characters")
    }
    if text.unicodeScalars.count > longestQuery {
      throw .invalid("q", "What you search for must be \(longestQuery) characters or fewer")
    }
    let words = words(in: text)
    if words.isEmpty { throw .invalid("q", "Enter a word to search for") }
    return words
  }

  /// The text as the index keeps it: its words (runs of letters and digits, lower case), one space apart, so
  /// both engines split "support-agreement-signed.pdf" into the same four words.
  public static func normalized(_ text: String) -> String { runs(in: text).joined(separator: " ") }

  public static func words(in text: String) -> [String] {
    var seen = Set<String>()
    return Array(runs(in: text).filter { seen.insert($0).inserted }.prefix(mostWords))
  }

  static func runs(in text: String) -> [String] {
    var words: [String] = []
    var current = ""
    for character in text.lowercased() {
      if character.isLetter || character.isNumber {
        current.append(character)
      } else if !current.isEmpty {
        words.append(current)
        current = ""
      }
    }
    if !current.isEmpty { words.append(current) }
    return words
  }

  /// Whether every word begins a word of `text` (the same rule as the index, for words the index does not
  /// hold, like a plan section's heading).
  public static func matches(_ words: [String], in text: String) -> Bool {
    let found = runs(in: text)
    return words.allSatisfy { word in found.contains { $0.hasPrefix(word) } }
  }
}
