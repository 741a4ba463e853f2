import Foundation

/// Someone who draws on support. Their team is theirs: `Team` is identified by the person.
public struct Person: Hashable, Sendable, Codable {
  public let id: ID<Person>
  public let coopID: ID<Coop>
  public let accountID: ID<Account>
  public var circleID: ID<Circle>
  /// Accessible Information Standard: how the person needs information given to them.
  public var communicationNeeds: String?

  public init(
    id: ID<Person>, coopID: ID<Coop>, accountID: ID<Account>, circleID: ID<Circle>,
    communicationNeeds: String?
  ) {
    self.id = id
    self.coopID = coopID
    self.accountID = accountID
    self.circleID = circleID
    self.communicationNeeds = communicationNeeds
  }
}

/// How a team member stands to the person.
public enum Relationship: String, CaseIterable, Sendable, Codable {
  case family, friend, worker, backupWorker, professional, advocate

  public var label: String {
    switch self {
    case .family: "Family"
    case .friend: "Friend"
    case .worker: "Worker"
    case .backupWorker: "Backup worker"
    case .professional: "Professional (for example GP or social worker)"
    case .advocate: "Advocate"
    }
  }

  /// The short word for Easy Read and tables.
  public var shortLabel: String {
    switch self {
    case .professional: "Professional"
    default: label
    }
  }
}

public enum TeamMembershipStatus: String, Sendable, Codable {
  case invited, active, declined, removed
  /// A worker the person's side asked for, waiting for the team's say (`TeamMatter.joining`) before the
  /// invitation is sent: not yet in the team, nothing of it shown to them.
  case proposed
}

/// One person's place in another person's team.
public struct TeamMembership: Hashable, Sendable, Codable {
  public let id: ID<TeamMembership>
  public let personID: ID<Person>
  public let accountID: ID<Account>
  public var relationship: Relationship
  /// An arranger acts for the person; what they do is recorded as on the person's behalf.
  public var isArranger: Bool
  public var status: TeamMembershipStatus
  public var invitedAt: Date
  public var respondedAt: Date?

  public init(
    id: ID<TeamMembership>, personID: ID<Person>, accountID: ID<Account>,
    relationship: Relationship, isArranger: Bool, status: TeamMembershipStatus, invitedAt: Date,
    respondedAt: Date?
  ) {
    self.id = id
    self.personID = personID
    self.accountID = accountID
    self.relationship = relationship
    self.isArranger = isArranger
    self.status = status
    self.invitedAt = invitedAt
    self.respondedAt = respondedAt
  }
}

/// A team as its pages show it: the person and everyone around them, with names.
public struct Team: Sendable {
  public struct Entry: Sendable, Hashable {
    public let membership: TeamMembership
    public let account: Account
    public init(membership: TeamMembership, account: Account) {
      self.membership = membership
      self.account = account
    }
  }
  public let person: Person
  public let personAccount: Account
  public let circle: Circle
  public let entries: [Entry]

  public init(person: Person, personAccount: Account, circle: Circle, entries: [Entry]) {
    self.person = person
    self.personAccount = personAccount
    self.circle = circle
    self.entries = entries
  }

  public var active: [Entry] { entries.filter { $0.membership.status == .active } }
  public var invited: [Entry] { entries.filter { $0.membership.status == .invited } }
  /// Workers waiting for the team's say before they are invited.
  public var proposed: [Entry] { entries.filter { $0.membership.status == .proposed } }
}

/// What the invite form and API ask for.
public struct Invitation: Sendable, Codable {
  public var name: String
  public var email: String
  public var relationship: Relationship?
  public var isArranger: Bool

  public init(name: String, email: String, relationship: Relationship?, isArranger: Bool) {
    self.name = name
    self.email = email
    self.relationship = relationship
    self.isArranger = isArranger
  }

  public func validated() throws(CareError) -> Invitation {
    var v = Validator()
    let name = v.text(name, field: "name", label: "their name")
    let email = v.email(email)
    if relationship == nil { v.add("relationship", "Select how they know you") }
    try v.check()
    return Invitation(name: name, email: email, relationship: relationship, isArranger: isArranger)
  }
}

/// A person's own details as the details form and API send them: the circle that supports them (moving
/// the team) and how they need information.
public struct PersonDetails: Sendable, Codable {
  public var circleID: String
  public var communicationNeeds: String?

  public init(circleID: String, communicationNeeds: String?) {
    self.circleID = circleID
    self.communicationNeeds = communicationNeeds
  }
}
