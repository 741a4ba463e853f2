import CareCore
import FluentKit
import Foundation

/// Something of a person's that matched a search: a document, or a version of a plan section's words.
public struct SearchMatch: Sendable, Hashable {
  public let documentID: ID<PersonDocument>?
  public let section: PlanSection?
  public let version: Int
}

/// Search within a person's documents and plan, through the dialect's full-text index. The use case decides
/// what of it the searcher may see.
extension Store {
  public func search(words: [String], permit: Permit) async throws -> [SearchMatch] {
    try Self.check(permit, anyOf: [.viewDocuments, .viewPlan])
    guard let person = permit.personID else { throw CareError.forbidden }
    return try await Dialect(db).search(person: person.rawValue, words: words).map {
      SearchMatch(
        documentID: $0.document_id.map { ID($0) }, section: $0.section.flatMap(PlanSection.init(rawValue:)),
        version: $0.version)
    }
  }
}
