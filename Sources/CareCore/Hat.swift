import Foundation

/// What a hat lets its holder do. `custom` hats carry a name and purpose but no extra powers.
public enum HatKind: String, CaseIterable, Sendable, Codable {
  case rotaKeeper, safeguardingLead, finance, onboarding, registeredManager, custom

  /// The hats that reach furthest (everyone's care records, everyone's pay, overriding a team): when the co-op
  /// decides so (`Setting.privilegedSecondStep`), they act only in a session that gave the second step.
  public var isPrivileged: Bool { [.registeredManager, .safeguardingLead, .finance].contains(self) }

  /// The hats a real care co-op needs from day one: the defaults seeded for a new co-op.
  public var defaultName: String {
    switch self {
    case .rotaKeeper: "Rota keeper"
    case .safeguardingLead: "Safeguarding lead"
    case .finance: "Finance"
    case .onboarding: "Onboarding"
    case .registeredManager: "Registered manager"
    case .custom: "Hat"
    }
  }

  public var defaultPurpose: String {
    switch self {
    case .rotaKeeper: "Keeps the circle's rota fair, steady and within everyone's zone of consent."
    case .safeguardingLead: "Makes sure concerns about harm are heard and acted on."
    case .finance: "Looks after invoices, pay and the co-op's accounts."
    case .onboarding: "Welcomes new members and workers and helps them settle in."
    case .registeredManager: "The person registered with the CQC for the co-op's regulated care."
    case .custom: ""
    }
  }

  public var defaultAccountabilities: [String] {
    switch self {
    case .rotaKeeper: ["Draft and publish the weekly rota", "Find cover when a worker cannot come"]
    case .safeguardingLead:
      ["Receive and record safeguarding concerns", "Make and review safeguarding overrides"]
    case .finance: ["Send invoices to funders", "Pay workers steadily", "Keep the member register"]
    case .onboarding: ["Run inductions", "Check references and DBS for new workers"]
    case .registeredManager:
      ["Be the CQC's named contact", "Make sure records are ready for inspection"]
    case .custom: []
    }
  }

  /// Hats held in a circle; the rest are held for the whole co-op.
  public var isCircleHat: Bool { self == .rotaKeeper || self == .safeguardingLead }
}

/// A role in a circle (or the whole co-op when `circleID` is nil).
public struct Hat: Hashable, Sendable, Codable {
  public let id: ID<Hat>
  public let coopID: ID<Coop>
  public var circleID: ID<Circle>?
  public var kind: HatKind
  public var name: String
  public var purpose: String
  public var accountabilities: [String]

  public init(
    id: ID<Hat>, coopID: ID<Coop>, circleID: ID<Circle>?, kind: HatKind, name: String,
    purpose: String, accountabilities: [String]
  ) {
    self.id = id
    self.coopID = coopID
    self.circleID = circleID
    self.kind = kind
    self.name = name
    self.purpose = purpose
    self.accountabilities = accountabilities
  }
}

/// One term of one holder. Handing over ends this term and starts another: history is never rewritten.
public struct HatHolding: Hashable, Sendable, Codable {
  public let id: ID<HatHolding>
  public let hatID: ID<Hat>
  public let accountID: ID<Account>
  public var termStart: Day
  public var termEnd: Day?
  public var endedOn: Day?
  public var handedOverTo: ID<Account>?

  public init(
    id: ID<HatHolding>, hatID: ID<Hat>, accountID: ID<Account>, termStart: Day, termEnd: Day?,
    endedOn: Day?, handedOverTo: ID<Account>?
  ) {
    self.id = id
    self.hatID = hatID
    self.accountID = accountID
    self.termStart = termStart
    self.termEnd = termEnd
    self.endedOn = endedOn
    self.handedOverTo = handedOverTo
  }

  /// Worn from the term's first day; a term handed over ends the day the next holder starts (worn until
  /// the day before), so a handover dated ahead leaves the hat with its holder until then.
  public func isCurrent(on day: Day) -> Bool {
    Self.isCurrent(termStart: termStart, termEnd: termEnd, endedOn: endedOn, on: day)
  }

  /// The same rule on the days alone (for a store that reads them without loading the holding).
  public static func isCurrent(termStart: Day, termEnd: Day?, endedOn: Day?, on day: Day) -> Bool {
    termStart <= day && (endedOn.map { day < $0 } ?? true) && (termEnd.map { day <= $0 } ?? true)
  }
}

/// What the "hand over this hat" form and API ask for.
public struct Handover: Sendable, Codable {
  public var toAccountID: String
  public var termStart: String
  public var termEnd: String?
  /// The open term the one handing over saw (a holding's id, or "" for none). When given, the handover
  /// happens only if that is still the open term, so of two people handing over at once one succeeds
  /// and the other is told to look again. Nil: end whatever term is open.
  public var replacing: String?

  public init(toAccountID: String, termStart: String, termEnd: String?, replacing: String? = nil) {
    self.toAccountID = toAccountID
    self.termStart = termStart
    self.termEnd = termEnd
    self.replacing = replacing
  }

  public struct Valid: Sendable {
    public let to: ID<Account>
    public let termStart: Day
    public let termEnd: Day?

    public init(to: ID<Account>, termStart: Day, termEnd: Day?) {
      (self.to, self.termStart, self.termEnd) = (to, termStart, termEnd)
    }
  }

  public func validated() throws(CareError) -> Valid {
    var v = Validator()
    let to = ID<Account>(string: toAccountID)
    if to == nil { v.add("toAccountID", "Select who will wear the hat") }
    let start = v.day(termStart, field: "termStart", label: "the start of the term")
    let end = v.day(termEnd, field: "termEnd", label: "the end of the term", required: false)
    if let start, let end, end < start {
      v.add("termEnd", "The end of the term must be after its start")
    }
    try v.check()
    return Valid(to: to!, termStart: start!, termEnd: end)
  }
}
