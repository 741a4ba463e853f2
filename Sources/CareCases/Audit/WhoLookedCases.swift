import CareCore
import CareStore
import Foundation

/// One page of "who looked at my things": the log lines about a person, newest first.
public struct WhoLookedModel: Sendable {
  public let team: Team
  public let events: [AuditEvent]
  /// Names of everyone in the co-op, for the "who" column.
  public let names: [ID<Account>: String]
  public let isOwner: Bool
  /// The person or their arranger: they read which document or part of the plan each line is about (they may
  /// see all of it; the hats that also read the log may not).
  public let showsWhich: Bool
  public let page: Int
  public let hasOlder: Bool
}

/// "Who looked at my things", for the person and those who answer for them.
extension Cases {
  public static let whoLookedPerPage = 100

  /// Reads and records this look in one store call, so the list shows what was there when the page was asked for.
  /// Older lines are on later pages: nothing in the log is out of reach. One more than a page is read to
  /// know whether there is an older page. Pages run from 1 (the newest) to 100 000.
  public func whoLooked(at personID: ID<Person>, page: Int, by requester: Requester) async throws -> WhoLookedModel {
    guard let facts = try await store.teamFacts(personID, coop: requester.coopID) else { throw CareError.notFound }
    let permit = try AccessPolicy.permit(requester, .viewWhoLooked(facts))
    let team = try await store.team(permit: permit)
    let page = min(max(page, 1), 100_000)
    let perPage = Self.whoLookedPerPage
    let found = try await store.whoLooked(
      permit: permit, limit: perPage + 1, offset: (page - 1) * perPage, env: effects)
    let names = Dictionary(
      try await store.accounts(coop: requester.coopID).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    return WhoLookedModel(
      team: team, events: Array(found.prefix(perPage)), names: names,
      isOwner: requester.account.id == team.personAccount.id,
      showsWhich: requester.account.id == team.personAccount.id || facts.activeMembers[requester.account.id] == true,
      page: page, hasOlder: found.count > perPage)
  }
}
