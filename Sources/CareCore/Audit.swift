import Foundation

/// What an audit event records. Raw values are stored; add cases, never rename them.
public enum AuditAction: String, CaseIterable, Sendable, Codable {
  case setUpCoop, signIn, signInFailed, signOut, passwordResetRequested, passwordReset
  case viewTeam, createPerson, invite, acceptInvitation, declineInvitation, removeFromTeam
  case createCircle, joinCircle, leaveCircle, addMember, handOverHat
  case changePreferences
  case viewWhoLooked
  case signInRefused
  case accessRefused
  case changePersonDetails
  case changeName, emailChangeRequested, changeEmail
  case changeHome, proposePattern, agreePattern, declinePattern, changeConsentZone, changeTraining
  case planWeek, stopPlanningWeek, publishWeek, changeVisit
  case askCover, takeCover, declineCover, widenCover, seeCoveredVisit

  /// Plain words for "who looked at my things".
  public var label: String {
    switch self {
    case .setUpCoop: "set up the co-op"
    case .signIn: "signed in"
    case .signInFailed: "failed to sign in"
    case .signOut: "signed out"
    case .passwordResetRequested: "asked for a password reset"
    case .passwordReset: "reset their password"
    case .viewTeam: "looked at the team"
    case .createPerson: "added a person and their team"
    case .invite: "invited someone into the team"
    case .acceptInvitation: "joined the team"
    case .declineInvitation: "said no to joining the team"
    case .removeFromTeam: "took someone out of the team"
    case .createCircle: "started a circle"
    case .joinCircle: "joined a circle"
    case .leaveCircle: "left a circle"
    case .addMember: "added a member"
    case .handOverHat: "handed over a hat"
    case .changePreferences: "changed how pages are shown to them"
    case .viewWhoLooked: "looked at who looked"
    case .signInRefused: "was refused sign-in after too many tries"
    case .accessRefused: "was refused something they may not see or do"
    case .changePersonDetails: "changed the person's circle or communication needs"
    case .changeName: "changed their name"
    case .emailChangeRequested: "asked to change their e-mail address"
    case .changeEmail: "changed their e-mail address"
    case .changeHome: "changed the home's address or details"
    case .proposePattern: "proposed a change to the week's visits"
    case .agreePattern: "agreed to a change to the week's visits"
    case .declinePattern: "said no to a change to the week's visits"
    case .changeConsentZone: "changed what they agree to do"
    case .changeTraining: "changed what a worker is trained for"
    case .planWeek: "asked the rota engine to plan a week"
    case .stopPlanningWeek: "stopped the rota engine planning a week"
    case .publishWeek: "published a week's visits"
    case .changeVisit: "changed a visit on a draft week"
    case .askCover: "said a worker cannot make a visit: it went to cover"
    case .takeCover: "took a visit as cover"
    case .declineCover: "said no to covering a visit"
    case .widenCover: "offered a visit needing cover to more workers"
    case .seeCoveredVisit: "saw the address and tasks of a visit they cover (from outside the team)"
    }
  }
}

/// One append-only line of the audit log: who did what, when (UTC), on whose behalf, to whose things.
public struct AuditEvent: Hashable, Sendable, Codable {
  public let id: ID<AuditEvent>
  public let coopID: ID<Coop>?
  public let at: Date
  public let actorID: ID<Account>?
  /// Set when an arranger acted for the person.
  public let onBehalfOf: ID<Person>?
  /// Whose things were touched or seen, for the person's own "who looked" view.
  public let personID: ID<Person>?
  public let action: AuditAction
  public let detail: String

  public init(
    id: ID<AuditEvent>, coopID: ID<Coop>?, at: Date, actorID: ID<Account>?,
    onBehalfOf: ID<Person>?, personID: ID<Person>?, action: AuditAction, detail: String
  ) {
    self.id = id
    self.coopID = coopID
    self.at = at
    self.actorID = actorID
    self.onBehalfOf = onBehalfOf
    self.personID = personID
    self.action = action
    self.detail = detail
  }
}
