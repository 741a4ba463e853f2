import Foundation

/// What a hat is for, in words: its purpose and what its holder is accountable for.
public struct HatDefinition: Sendable, Hashable {
  public let purpose: String
  public let accountabilities: [String]

  public init(purpose: String, accountabilities: [String]) {
    (self.purpose, self.accountabilities) = (purpose, accountabilities)
  }

  public static let longestPurpose = 300
  public static let longestAccountability = 200
  public static let mostAccountabilities = 12
}

/// A proposal's new definition for one hat: if it passes, the hat is defined so from the day it states.
public struct HatRedefinition: Sendable, Hashable {
  public let hatID: ID<Hat>
  public let definition: HatDefinition

  public init(hatID: ID<Hat>, definition: HatDefinition) {
    (self.hatID, self.definition) = (hatID, definition)
  }
}

/// A definition a decision gave a hat, in force from a day, with the decision that made it.
public struct DecidedDefinition: Sendable, Hashable {
  public let hatID: ID<Hat>
  public let definition: HatDefinition
  public let from: Day
  public let proposalID: ID<Proposal>
  public let recordedAt: Date

  public init(hatID: ID<Hat>, definition: HatDefinition, from: Day, proposalID: ID<Proposal>, recordedAt: Date) {
    (self.hatID, self.definition, self.from, self.proposalID, self.recordedAt) = (
      hatID, definition, from, proposalID, recordedAt
    )
  }
}

extension Hat {
  /// The hat as defined on `day`: the latest definition a decision put in force by then (two for the same day:
  /// the one counted last, as for settings), or its own words when no decision has changed them.
  public func defined(on day: Day, by decided: [DecidedDefinition]) -> Hat {
    guard
      let latest = decided.filter({ $0.hatID == id && $0.from <= day })
        .max(by: { ($0.from, $0.recordedAt) < ($1.from, $1.recordedAt) })
    else { return self }
    var hat = self
    (hat.purpose, hat.accountabilities) = (latest.definition.purpose, latest.definition.accountabilities)
    return hat
  }
}

extension NewProposal {
  /// A hat's new definition as typed: the hat (one of `hats`), its purpose and its accountabilities (one an item,
  /// none blank). Nil when none is asked for.
  static func validatedRedefinition(
    hatID: String?, purpose: String?, accountabilities: [String], kind: ProposalKind?, hats: [ID<Hat>: String],
    scope: String, into v: inout Validator
  ) -> HatRedefinition? {
    let typedHat = (hatID ?? "").trimmingCharacters(in: .whitespaces)
    guard !typedHat.isEmpty else {
      if !(purpose ?? "").trimmingCharacters(in: .whitespaces).isEmpty || !accountabilities.isEmpty {
        v.add("redefines", "Choose the hat whose definition changes, or leave its purpose and accountabilities empty")
      }
      return nil
    }
    let hat = ID<Hat>(string: typedHat)
    if hat == nil || hats[hat!] == nil { v.add("redefines", "Choose one of \(scope) hats, or none") }
    if kind == .election || kind == .timePoll {
      v.add("redefines", "Only a consent or majority decision changes a hat: put it in a proposal of its own")
    }
    let words = v.text(purpose, field: "hatPurpose", label: "the hat's purpose", max: HatDefinition.longestPurpose)
    var lines: [String] = []
    for line in accountabilities {
      var one = Validator()
      let text = one.text(
        line, field: "hatAccountabilities", label: "each accountability", max: HatDefinition.longestAccountability)
      if let problem = one.errors.first {
        if !v.errors.contains(where: { $0.field == problem.field }) { v.add(problem.field, problem.message) }
      } else {
        lines.append(text)
      }
    }
    if accountabilities.count > HatDefinition.mostAccountabilities {
      v.add("hatAccountabilities", "At most \(HatDefinition.mostAccountabilities) accountabilities, one a line")
    }
    guard let hat, hats[hat] != nil, !words.isEmpty else { return nil }
    return HatRedefinition(hatID: hat, definition: HatDefinition(purpose: words, accountabilities: lines))
  }
}
