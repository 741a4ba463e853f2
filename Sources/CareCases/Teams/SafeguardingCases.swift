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
    let names = try await store.accountNames(Array(Set(overrides.map(\.holderID))))
    return SafeguardingModel(
      team: team, overrides: overrides, names: names,
      mayOverride: allows(requester, .overrideSafeguarding(TeamFacts(team))), now: effects.now())
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
