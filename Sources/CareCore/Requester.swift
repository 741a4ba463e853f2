import Foundation

/// Who is asking: their account and what they hold, loaded once per request by the store.
public struct Requester: Sendable {
  public struct HeldHat: Hashable, Sendable {
    public let kind: HatKind
    public let circleID: ID<Circle>?
    public init(kind: HatKind, circleID: ID<Circle>?) {
      self.kind = kind
      self.circleID = circleID
    }
  }
  public let account: Account
  public let memberClass: MemberClass?
  public let circleIDs: Set<ID<Circle>>
  public let hats: Set<HeldHat>
  /// Access given for a time (safeguarding overrides), whether or not in force now.
  public var grants: [AccessGrant]
  /// The moment of the request: time-limited grants count only while it falls inside them. The use cases
  /// set it from the clock effect for each request.
  public var now: Date
  /// Whether this session gave the second step (a code from an authenticator app) when signing in, and
  /// whether the co-op has decided that privileged hats act only then.
  public var secondStepGiven = false
  public var privilegedNeedSecondStep = false

  public init(
    account: Account, memberClass: MemberClass?, circleIDs: Set<ID<Circle>>, hats: Set<HeldHat>,
    grants: [AccessGrant] = [], now: Date = .distantPast
  ) {
    self.account = account
    self.memberClass = memberClass
    self.circleIDs = circleIDs
    self.hats = hats
    self.grants = grants
    self.now = now
  }

  /// The safeguarding override this requester holds for the person now, if any. It counts only while they
  /// still wear a hat that may start one: handing the hat over ends what it gave.
  public func override(for person: ID<Person>, reaching: OverrideReach? = nil) -> AccessGrant? {
    guard mayHoldOverrides else { return nil }
    return grants.first {
      $0.kind == .safeguardingOverride && $0.personID == person && $0.isActive(at: now)
        && (reaching.map($0.reaches.contains) ?? true)
    }
  }

  /// Whether they wear a hat that starts safeguarding overrides (a circle's safeguarding lead, the
  /// registered manager): nobody else's grants need reading.
  public var mayHoldOverrides: Bool {
    hats.contains { ($0.kind == .safeguardingLead || $0.kind == .registeredManager) && usable($0.kind) }
  }

  /// A hat of this kind can be used now: not a privileged one the co-op wants a second step for, in a
  /// session that did not give it.
  public func usable(_ kind: HatKind) -> Bool {
    !(kind.isPrivileged && privilegedNeedSecondStep && !secondStepGiven)
  }

  /// Holds a privileged hat it cannot use in this session (to say why a page is refused).
  public var needsSecondStep: Bool { hats.contains { !usable($0.kind) } }

  /// The same requester without any grant: what their place in the co-op alone allows.
  public var withoutGrants: Requester {
    var plain = self
    plain.grants = []
    return plain
  }

  public var coopID: ID<Coop> { account.coopID }

  /// A hat of this kind held for the circle, or for the whole co-op.
  public func wears(_ kind: HatKind, in circleID: ID<Circle>? = nil) -> Bool {
    usable(kind) && hats.contains { $0.kind == kind && ($0.circleID == nil || $0.circleID == circleID) }
  }
}

/// What the policy needs about one published (or not) visit: the person's team, and who works it.
public struct VisitFacts: Sendable, Equatable {
  public let team: TeamFacts
  public let workers: Set<ID<Account>>
  public let isPublished: Bool

  public init(team: TeamFacts, workers: Set<ID<Account>>, isPublished: Bool) {
    self.team = team
    self.workers = workers
    self.isPublished = isPublished
  }
}

/// The facts about one team that the policy needs.
public struct TeamFacts: Sendable, Equatable {
  public let coopID: ID<Coop>
  public let personID: ID<Person>
  public let personAccountID: ID<Account>
  public let circleID: ID<Circle>
  /// Active members, with whether each is an arranger.
  public let activeMembers: [ID<Account>: Bool]
  public let invitedMembers: Set<ID<Account>>

  public init(
    coopID: ID<Coop>, personID: ID<Person>, personAccountID: ID<Account>, circleID: ID<Circle>,
    activeMembers: [ID<Account>: Bool], invitedMembers: Set<ID<Account>>
  ) {
    self.coopID = coopID
    self.personID = personID
    self.personAccountID = personAccountID
    self.circleID = circleID
    self.activeMembers = activeMembers
    self.invitedMembers = invitedMembers
  }

  public init(_ team: Team) {
    var active: [ID<Account>: Bool] = [:]
    for entry in team.active { active[entry.account.id] = entry.membership.isArranger }
    self.init(
      coopID: team.person.coopID, personID: team.person.id, personAccountID: team.personAccount.id,
      circleID: team.person.circleID, activeMembers: active,
      invitedMembers: Set(team.invited.map(\.account.id)))
  }
}
