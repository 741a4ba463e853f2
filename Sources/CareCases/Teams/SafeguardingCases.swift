import CareCore
import CareStore
import Foundation

/// The safeguarding part of a person's team page: the overrides there have been, and whether the requester
/// may start one (or end the one in force).
public struct SafeguardingModel: Sendable {
  public let team: Team
  public let overrides: [AccessGrant]
  /// Names of those who held or ended them.
  public let names: [ID<Account>: String]
  public let mayOverride: Bool
  public let now: Date
  /// Each override's review, once given; the overrides the reader may review (a second hat holder).
  public var reviews: [ID<AccessGrant>: OverrideReview] = [:]
  public var reviewable: Set<ID<AccessGrant>> = []

  /// No review yet, and its two days are up.
  public func isOverdue(_ grant: AccessGrant) -> Bool { reviews[grant.id] == nil && now >= grant.reviewDue }

  public func isActive(_ grant: AccessGrant) -> Bool { grant.isActive(at: now) }
}

/// Safeguarding overrides: the team has the final say on who is in it and on changes to the person's
/// visits, except that the circle's safeguarding lead or the registered manager may act over it, for a
/// stated reason and at most 72 hours. Starting, each use and ending are lines in the person's log, and the
/// person and their arrangers are told when one starts.
extension Cases {
  public func safeguarding(_ personID: ID<Person>, by requester: Requester) async throws -> SafeguardingModel {
    let (team, permit) = try await team(personID, for: requester) { .viewTeam($0) }
    let overrides = try await store.overrides(permit: permit)
    let reviews = try await store.overrideReviews(permit: permit)
    let names = try await store.accountNames(
      Array(Set(overrides.map(\.holderID) + reviews.values.map(\.reviewerID))))
    var model = SafeguardingModel(
      team: team, overrides: overrides, names: names,
      mayOverride: allows(requester, .overrideSafeguarding(TeamFacts(team))), now: effects.now())
    model.reviews = reviews
    model.reviewable = Set(
      overrides.filter {
        reviews[$0.id] == nil && allows(requester, .reviewOverride(TeamFacts(team), holder: $0.holderID))
      }
      .map(\.id))
    return model
  }

  /// A second hat holder's review of an override: justified or not, and why. The person, their arrangers and
  /// the override's holder are told.
  @discardableResult
  public func reviewOverride(
    _ id: ID<AccessGrant>, on personID: ID<Person>, _ input: NewOverrideReview, by requester: Requester
  ) async throws -> OverrideReview {
    let (team, grant, permit) = try await reviewPermit(id, on: personID, by: requester)
    let (outcome, note) = try input.validated()
    let review = try await store.reviewOverride(id, outcome: outcome, note: note, permit: permit, env: effects)
    let told = [team.personAccount.id, grant.holderID] + team.active.filter(\.membership.isArranger).map(\.account.id)
    try await tell(
      told.map {
        NewMessage(
          to: $0, subject: "The safeguarding override on \(team.personAccount.name)'s team was reviewed",
          body: "\(requester.account.name) reviewed it. \(outcome.label). Why: \(note)",
          link: links.teamLink(team.person.id))
      })
    return review
  }

  /// Whether the requester may review the override (asked before a body is read).
  public func checkMayReviewOverride(_ id: ID<AccessGrant>, on personID: ID<Person>, by requester: Requester)
    async throws
  {
    _ = try await reviewPermit(id, on: personID, by: requester)
  }

  /// The team, the override (one on this person's team, or not found) and the permit to review it.
  private func reviewPermit(_ id: ID<AccessGrant>, on personID: ID<Person>, by requester: Requester) async throws
    -> (Team, AccessGrant, Permit)
  {
    let (team, seeing) = try await team(personID, for: requester) { .viewTeam($0) }
    guard let grant = try await store.overrides(permit: seeing).first(where: { $0.id == id }) else {
      throw CareError.notFound
    }
    return (team, grant, try AccessPolicy.permit(requester, .reviewOverride(TeamFacts(team), holder: grant.holderID)))
  }

  /// For the registered manager: the co-op's overrides not yet reviewed, oldest first, with their person and
  /// whether the two days are up.
  public func overridesToReview(by requester: Requester) async throws -> [(
    grant: AccessGrant, person: String, overdue: Bool
  )] {
    guard requester.wears(.registeredManager) else { return [] }
    let now = effects.now()
    return try await store.overridesAwaitingReview(coop: requester.coopID).map { ($0.0, $0.1, now >= $0.0.reviewDue) }
  }

  public func startOverride(_ input: NewOverride, on personID: ID<Person>, by requester: Requester) async throws
    -> AccessGrant
  {
    let (team, permit) = try await team(personID, for: requester) { .overrideSafeguarding($0) }
    let valid = try input.validated()
    let grant = try await store.startOverride(valid, permit: permit, env: effects)
    let told = [team.personAccount.id] + team.active.filter(\.membership.isArranger).map(\.account.id)
    try await tell(
      told.map {
        NewMessage(
          to: $0, subject: "A safeguarding override on \(team.personAccount.name)'s team",
          body:
            "\(requester.account.name) may act over the team's say for \(valid.hours) hours, because: \(valid.reason). Everything they do under it is in the log of who looked.",
          link: links.teamLink(team.person.id))
      })
    return grant
  }

  public func endOverride(_ id: ID<AccessGrant>, on personID: ID<Person>, by requester: Requester) async throws {
    let (_, permit) = try await team(personID, for: requester) { .overrideSafeguarding($0) }
    try await store.endOverride(id, permit: permit, env: effects)
  }
}
