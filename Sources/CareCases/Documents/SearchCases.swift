import CareCore
import CareStore
import Foundation

/// What a search of a person's documents and plan found that the searcher may see.
public struct SearchModel: Sendable {
  public let team: Team
  public let words: [String]
  public let documents: [PersonDocument]
  public let sections: [PlanSectionState]

  public var personName: String { team.personAccount.name }
}

/// Search within one person's documents (titles and file names) and plan (sections' headings and agreed
/// words), through the full-text index of whichever engine runs; what comes back is filtered by the same rule
/// as every other read, so a search never shows a document the searcher may not open.
extension Cases {
  /// The person's team, for the search page before anything is asked (checked as a search is).
  public func teamToSearch(_ personID: ID<Person>, by requester: Requester) async throws -> Team {
    try await team(personID, for: requester) { .viewDocuments($0) }.0
  }

  public func search(_ personID: ID<Person>, query: String?, by requester: Requester) async throws -> SearchModel {
    let (team, permit) = try await team(personID, for: requester) { .viewDocuments($0) }
    let words = try SearchWords.validated(query)
    let matches = try await store.search(words: words, permit: permit)
    let agreements = try await store.sharingAgreements(permit: permit)
    let found = Set(matches.compactMap(\.documentID))
    let documents = try await store.documents(permit: permit).filter {
      found.contains($0.id) && seen($0, by: requester, team, agreements)
    }
    var sections: [PlanSectionState] = []
    if let planPermit = try? AccessPolicy.permit(requester, .viewPlan(TeamFacts(team))) {
      // Only the words as they stand count: a match in an older version is not a match now.
      let current = Set(matches.compactMap { match in match.section.map { "\($0.rawValue)#\(match.version)" } })
      sections = try await store.supportPlan(permit: planPermit).sections.filter { s in
        (s.version > 0 && current.contains("\(s.section.rawValue)#\(s.version)"))
          || SearchWords.matches(words, in: s.section.title)
      }
    }
    try await store.logDocumentLook(
      permit: permit, download: false,
      detail: "searched for “\(words.joined(separator: " "))”: \(documents.count) documents, \(sections.count) "
        + "sections of the plan", env: effects)
    return SearchModel(team: team, words: words, documents: documents.reversed(), sections: sections)
  }
}
