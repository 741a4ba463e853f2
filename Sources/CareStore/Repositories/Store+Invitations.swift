import CareCore
import FluentKit
import Foundation

/// What happened when someone was invited: whether a new account was made for them (and so needs
/// a link to set a password).
public struct InvitationResult: Sendable {
  public let membership: TeamMembership
  public let invitee: Account
  public let isNewAccount: Bool
}

extension Store {
  /// Invites someone into a person's team, as the permit (for changing this team) allows. An email already
  /// known in the co-op invites that account; a new one makes an account without a password, to be set from
  /// the emailed link.
  public func invite(_ input: Invitation, to team: Team, permit: Permit, env: Effects) async throws
    -> InvitationResult
  {
    try Self.check(permit, .changeTeam, person: team.person.id)
    return try await invite(
      input, to: team, by: permit.requester.account.id, onBehalfOf: permit.onBehalfOf, env: env)
  }

  func invite(
    _ input: Invitation, to team: Team, by actor: ID<Account>, onBehalfOf: ID<Person>?,
    env: Effects
  ) async throws -> InvitationResult {
    // Two invitations racing: the unique index on open memberships (or on email) lets one through.
    try await writeChecked(conflict: FieldError("email", "They are already in the team or invited")) { db in
      try await Self.invite(input, to: team, by: actor, onBehalfOf: onBehalfOf, env: env, on: db)
    }
  }

  static func invite(
    _ input: Invitation, to team: Team, by actor: ID<Account>, onBehalfOf: ID<Person>?, env: Effects,
    on db: any Database
  ) async throws -> InvitationResult {
    let invitation = try input.validated()
    let coop = team.person.coopID
    let now = env.now()
    do {
      var isNew = false
      let invitee: Account
      // Only this co-op's accounts: an address used in another co-op is a new account here, so the answer
      // never tells anyone what other co-ops hold.
      if let existing = try await AccountRow.query(on: db).filter(\.$coopID == coop.rawValue)
        .filter(\.$email == invitation.email).first()
      {
        invitee = existing.value
      } else {
        invitee = Account(
          id: ID(env.newID()), coopID: coop, name: invitation.name, email: invitation.email,
          isAdministrator: false)
        try await Self.insertAccount(invitee, passwordHash: nil, at: now, on: db)
        isNew = true
      }
      if invitee.id == team.personAccount.id {
        throw CareError.conflict(FieldError("email", "That is your own email address"))
      }
      let current = try await TeamMembershipRow.query(on: db)
        .filter(\.$personID == team.person.id.rawValue).filter(\.$accountID == invitee.id.rawValue)
        .filter(
          \.$status
            ~~ [
              TeamMembershipStatus.active.rawValue, TeamMembershipStatus.invited.rawValue,
              TeamMembershipStatus.proposed.rawValue,
            ]
        )
        .first()
      if current != nil {
        throw CareError.conflict(FieldError("email", "\(invitee.name) is already in the team or invited"))
      }
      // A worker joins as the team's say decides: under any say but the standard one, a decision first (the
      // inviter's own answer counts; an override decides), and the invitation only once it is agreed.
      let say = try await Self.teamSay(team.person.id, on: db).say
      let decided = say == .standard || ![.worker, .backupWorker].contains(invitation.relationship!)
      let membership = TeamMembership(
        id: ID(env.newID()), personID: team.person.id, accountID: invitee.id,
        relationship: invitation.relationship!, isArranger: invitation.isArranger,
        status: decided ? .invited : .proposed, invitedAt: now, respondedAt: nil)
      try await TeamMembershipRow(membership).create(on: db)
      try await Self.append(
        .invite, coop: coop, actor: actor, onBehalfOf: onBehalfOf, person: team.person.id,
        detail: "\(invitee.name) as \(membership.relationship.shortLabel)", env: env, on: db)
      if !decided {
        let parties = try await Self.parties(team.person.id, on: db)
        let summary = "\(invitee.name) joining as \(membership.relationship.shortLabel.lowercased())"
        let (row, _) = try await Self.openTeamDecision(
          .joining, subject: membership.id.rawValue, summary: summary, person: team.person.id, coop: coop,
          proposer: actor, proposerAgrees: true, onBehalfOf: onBehalfOf, env: env, on: db)
        if actor != parties.person && !parties.arrangers.contains(actor) && !parties.others.contains(actor) {
          _ = try await Self.overrideTeamDecision(row, agree: true, by: actor, env: env, on: db)
        }
      }
      let kept = try await TeamMembershipRow.find(membership.id.rawValue, on: db).map { try $0.value } ?? membership
      return InvitationResult(membership: kept, invitee: invitee, isNewAccount: isNew)
    }
  }

  /// The invitee says yes or no, as the permit (to answer this team's invitation) allows. Only an open
  /// invitation can be answered.
  public func respond(to team: Team, accept: Bool, permit: Permit, env: Effects) async throws {
    try Self.check(permit, .respondToInvitation, person: team.person.id)
    try await respond(to: team, accept: accept, by: permit.requester.account.id, env: env)
  }

  func respond(to team: Team, accept: Bool, by actor: ID<Account>, env: Effects)
    async throws
  {
    let now = env.now()
    try await write { db in
      guard
        let row = try await TeamMembershipRow.query(on: db)
          .filter(\.$personID == team.person.id.rawValue).filter(\.$accountID == actor.rawValue)
          .filter(\.$status == TeamMembershipStatus.invited.rawValue).first()
      else { throw CareError.notFound }
      row.status = (accept ? TeamMembershipStatus.active : .declined).rawValue
      row.respondedAt = now
      try await row.save(on: db)
      try await Self.append(
        accept ? .acceptInvitation : .declineInvitation, coop: team.person.coopID, actor: actor,
        person: team.person.id, env: env, on: db)
    }
  }

  /// The person (or their arranger) takes someone out of the team, or withdraws an invitation, as the permit
  /// (for changing this team) allows.
  public func removeFromTeam(_ membershipID: ID<TeamMembership>, team: Team, permit: Permit, env: Effects)
    async throws
  {
    try Self.check(permit, .changeTeam, person: team.person.id)
    try await removeFromTeam(
      membershipID, team: team, by: permit.requester.account.id, onBehalfOf: permit.onBehalfOf, env: env)
  }

  func removeFromTeam(
    _ membershipID: ID<TeamMembership>, team: Team, by actor: ID<Account>,
    onBehalfOf: ID<Person>?, env: Effects
  ) async throws {
    let now = env.now()
    try await write { db in
      guard let row = try await TeamMembershipRow.find(membershipID.rawValue, on: db),
        row.personID == team.person.id.rawValue,
        [
          TeamMembershipStatus.active.rawValue, TeamMembershipStatus.invited.rawValue,
          TeamMembershipStatus.proposed.rawValue,
        ].contains(row.status),
        let account = try await AccountRow.find(row.accountID, on: db)
      else { throw CareError.notFound }
      row.status = TeamMembershipStatus.removed.rawValue
      row.respondedAt = now
      try await row.save(on: db)
      try await Self.append(
        .removeFromTeam, coop: team.person.coopID, actor: actor, onBehalfOf: onBehalfOf,
        person: team.person.id, detail: account.name, env: env, on: db)
    }
  }
}

extension Store {
  /// A permit for some other action, or for another person, is refused before anything is read or written.
  static func check(_ permit: Permit, _ kind: Action.Kind, person: ID<Person>? = nil) throws {
    guard permit.covers(kind, person: person) else { throw CareError.forbidden }
  }

  /// A permit for none of these kinds of action is refused before anything is read or written.
  static func check(_ permit: Permit, anyOf kinds: Set<Action.Kind>) throws {
    guard permit.covers(anyOf: kinds) else { throw CareError.forbidden }
  }
}
