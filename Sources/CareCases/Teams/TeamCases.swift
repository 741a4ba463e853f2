import CareCore
import CareStore
import Foundation

/// What someone sees at a person's team address: the team, or (invited, not yet in it) their invitation
/// only, never the members or their needs.
public enum TeamLook: Sendable {
  case team(TeamModel)
  case invitation(Team, Team.Entry)
}

/// A team page's model: the team and what the viewer may do with it, as the policy says.
public struct TeamModel: Sendable {
  public let team: Team
  public let isOwner: Bool
  public let mayChange: Bool
  public let mayReadWhoLooked: Bool
  public let mayReadMedicines: Bool
  public let mayChangeRecordSettings: Bool
  public let mayReadRecords: Bool
  public let mayReadMedia: Bool
  public let mayReadHours: Bool
  /// May move the team to another circle or change the person's communication needs.
  public let mayChangeDetails: Bool

  init(_ team: Team, for requester: Requester) {
    let facts = TeamFacts(team)
    self.team = team
    isOwner = requester.account.id == team.personAccount.id
    mayChange = AccessPolicy.decide(requester, .changeTeam(facts)).isAllowed
    mayReadWhoLooked = AccessPolicy.decide(requester, .viewWhoLooked(facts)).isAllowed
    mayReadMedicines = AccessPolicy.decide(requester, .viewMedicines(facts)).isAllowed
    mayChangeRecordSettings = AccessPolicy.decide(requester, .changeRecordSettings(facts)).isAllowed
    mayReadRecords = AccessPolicy.decide(requester, .viewRecords(facts)).isAllowed
    mayReadMedia = AccessPolicy.decide(requester, .viewMedia(facts)).isAllowed
    mayReadHours = AccessPolicy.decide(requester, .viewHours(facts)).isAllowed
    mayChangeDetails = AccessPolicy.decide(requester, .changePersonDetails(facts)).isAllowed
  }
}

/// The details form's model: the team and the co-op's circles to choose from.
public struct PersonDetailsModel: Sendable {
  public let team: Team
  public let circles: [Circle]
}

/// A person's team: see it, invite, answer an invitation, take someone out.
extension Cases {
  /// Seeing a team asks the policy and writes the who-looked row in one store call.
  public func lookAtTeam(_ personID: ID<Person>, by requester: Requester) async throws -> TeamLook {
    do {
      let team = try await store.viewTeam(personID, by: requester, env: effects)
      return .team(TeamModel(team, for: requester))
    } catch CareError.notFound {
      guard let facts = try await store.teamFacts(personID, coop: requester.coopID),
        let permit = try? AccessPolicy.permit(requester, .respondToInvitation(facts))
      else { throw CareError.notFound }
      let invitedTo = try await store.team(permit: permit)
      guard let entry = invitedTo.invited.first(where: { $0.account.id == requester.account.id }) else {
        throw CareError.notFound
      }
      return .invitation(invitedTo, entry)
    }
  }

  /// The team for the API: the whole team for those who may see it (invitations listed only for those who
  /// may change it); `notFound` for everyone else.
  public func viewTeam(_ personID: ID<Person>, by requester: Requester) async throws -> TeamModel {
    TeamModel(try await store.viewTeam(personID, by: requester, env: effects), for: requester)
  }

  /// The team, for someone about to act on it: loaded, checked against the policy, and the permit the
  /// store asks for. Anything not allowed is indistinguishable from missing.
  func team(
    _ personID: ID<Person>, for requester: Requester, _ action: (TeamFacts) -> Action
  ) async throws -> (Team, Permit) {
    guard let facts = try await store.teamFacts(personID, coop: requester.coopID) else { throw CareError.notFound }
    let permit = try AccessPolicy.permit(requester, action(facts))
    // Only an override allowed it: the person's log says so before anything is done.
    if permit.override != nil { try await store.recordOverrideUse(permit, env: effects) }
    return (try await store.team(permit: permit), permit)
  }

  /// The invite form's model: the team, for someone who may change it.
  public func teamToChange(_ personID: ID<Person>, by requester: Requester) async throws -> Team {
    try await team(personID, for: requester) { .changeTeam($0) }.0
  }

  /// Invites someone. The mail (a link to choose a password for a new account, a nudge to sign in for a
  /// known one) is a job written in the same transaction as the invitation: both happen, or neither.
  public func invite(_ input: Invitation, to personID: ID<Person>, by requester: Requester) async throws
    -> (Team, InvitationResult)
  {
    let (team, permit) = try await team(personID, for: requester) { .changeTeam($0) }
    let effects = effects
    let result = try await store.transaction(conflict: FieldError("email", "They are already in the team or invited")) {
      tx in
      let result = try await tx.invite(input, to: team, permit: permit, env: effects)
      // A worker waiting for the team's say is invited (and mailed) once it is agreed.
      guard result.membership.status == .invited else { return result }
      try await tx.enqueue(
        JobKind.invitationMail.rawValue,
        payload: try Self.payload(
          InvitationMail(
            accountID: result.invitee.id.rawValue, personID: team.person.id.rawValue,
            isNewAccount: result.isNewAccount)),
        env: effects)
      return result
    }
    return (team, result)
  }

  /// Yes or no to an invitation, by the invitee themselves.
  public func answerInvitation(to personID: ID<Person>, accept: Bool, by requester: Requester) async throws {
    let (team, permit) = try await team(personID, for: requester) { .respondToInvitation($0) }
    try await store.respond(to: team, accept: accept, permit: permit, env: effects)
  }

  /// Takes someone out of the team (the person, or an arranger acting for them).
  public func removeFromTeam(
    _ membership: ID<TeamMembership>, of personID: ID<Person>, by requester: Requester
  ) async throws {
    let (team, permit) = try await team(personID, for: requester) { .changeTeam($0) }
    try await store.removeFromTeam(membership, team: team, permit: permit, env: effects)
  }

  /// The details form: for the person, their arranger, administrators and onboarding.
  public func personDetails(_ personID: ID<Person>, by requester: Requester) async throws -> PersonDetailsModel {
    let (team, _) = try await team(personID, for: requester) { .changePersonDetails($0) }
    return PersonDetailsModel(team: team, circles: try await store.circles(coop: requester.coopID))
  }

  /// Moves the team to another circle and/or changes the person's communication needs.
  public func changePersonDetails(_ personID: ID<Person>, _ input: PersonDetails, by requester: Requester)
    async throws -> TeamModel
  {
    let (_, permit) = try await team(personID, for: requester) { .changePersonDetails($0) }
    let team = try await store.changePersonDetails(input, permit: permit, env: effects)
    return TeamModel(team, for: requester)
  }
}
