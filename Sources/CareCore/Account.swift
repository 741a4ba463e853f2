import Foundation

/// Anyone the co-op knows by name: a person supported, family, a worker, a GP. Those with an email
/// and password can sign in. Co-op membership (a share and a vote) is a separate `Member` record.
public struct Account: Hashable, Sendable, Codable {
  public let id: ID<Account>
  public let coopID: ID<Coop>
  public var name: String
  public var email: String?
  public var isAdministrator: Bool
  /// Their own pages in Easy Read: short sentences, large text, a picture for each person.
  /// Kept on the account so the choice follows them from phone to library computer.
  public var prefersEasyRead: Bool

  public init(
    id: ID<Account>, coopID: ID<Coop>, name: String, email: String?, isAdministrator: Bool,
    prefersEasyRead: Bool = false
  ) {
    self.id = id
    self.coopID = coopID
    self.name = name
    self.email = email
    self.isAdministrator = isAdministrator
    self.prefersEasyRead = prefersEasyRead
  }

  /// Up to two letters for an avatar when there is no picture: "Ann Lee" → "AL".
  public var initials: String { Self.initials(of: name) }

  /// The first letters of the first two words of a name, for an initials picture ("Sam Jones" → "SJ").
  public static func initials(of name: String) -> String {
    name.split(separator: " ").prefix(2).compactMap(\.first).map(String.init).joined().uppercased()
  }
}

/// The classes of co-op membership in the rules of a multi-stakeholder care co-op.
public enum MemberClass: String, CaseIterable, Sendable, Codable {
  case supported, worker, supporter, community

  public var label: String {
    switch self {
    case .supported: "Supported member"
    case .worker: "Worker member"
    case .supporter: "Supporter member"
    case .community: "Community member"
    }
  }

  public var hint: String {
    switch self {
    case .supported: "Draws on support from the co-op"
    case .worker: "Gives support and is paid by the co-op"
    case .supporter: "Family or a friend of someone supported"
    case .community: "Anyone else who backs the co-op"
    }
  }
}

/// A share in the co-op: one member, one vote, whatever the share.
public struct Member: Hashable, Sendable, Codable {
  public let id: ID<Member>
  public let coopID: ID<Coop>
  public let accountID: ID<Account>
  public var memberClass: MemberClass
  public var joinedOn: Day
  public var sharePence: Int
  public var leftOn: Day?

  public init(
    id: ID<Member>, coopID: ID<Coop>, accountID: ID<Account>, memberClass: MemberClass,
    joinedOn: Day, sharePence: Int, leftOn: Day?
  ) {
    self.id = id
    self.coopID = coopID
    self.accountID = accountID
    self.memberClass = memberClass
    self.joinedOn = joinedOn
    self.sharePence = sharePence
    self.leftOn = leftOn
  }

  /// Votes are held by members who have joined and not left on the given day.
  public func canVote(on day: Day) -> Bool {
    joinedOn <= day && (leftOn.map { day < $0 } ?? true)
  }
}

/// What the "add a member" form and API ask for.
public struct NewMember: Sendable, Codable {
  public var name: String
  public var email: String?
  public var memberClass: MemberClass?
  public var joinedOn: String
  public var sharePence: Int?

  public init(
    name: String, email: String?, memberClass: MemberClass?, joinedOn: String, sharePence: Int?
  ) {
    self.name = name
    self.email = email
    self.memberClass = memberClass
    self.joinedOn = joinedOn
    self.sharePence = sharePence
  }

  public struct Valid: Sendable {
    public let name: String
    public let email: String?
    public let memberClass: MemberClass
    public let joinedOn: Day
    public let sharePence: Int
  }

  public func validated() throws(CareError) -> Valid {
    var v = Validator()
    let name = v.text(name, field: "name", label: "their name")
    let email = v.email(email, required: false)
    if memberClass == nil { v.add("memberClass", "Select the class of membership") }
    let day = v.day(joinedOn, field: "joinedOn", label: "the date they joined")
    let share = sharePence ?? -1
    if !(0...10_000_000).contains(share) {
      v.add("sharePence", "Enter the share as a whole number of pence from 0 to 10000000")
    }
    try v.check()
    return Valid(
      name: name, email: email.isEmpty ? nil : email, memberClass: memberClass!, joinedOn: day!,
      sharePence: share)
  }
}

/// A change to a member's line of the register: their class, their share, and the day they left (none
/// while they are still a member). The register keeps the line; the audit keeps what it was before.
public struct MemberChange: Sendable, Codable {
  public var memberClass: MemberClass?
  public var sharePence: Int?
  /// ISO day, or empty (or nil) while they are still a member.
  public var leftOn: String?

  public init(memberClass: MemberClass?, sharePence: Int?, leftOn: String?) {
    self.memberClass = memberClass
    self.sharePence = sharePence
    self.leftOn = leftOn
  }

  public struct Valid: Sendable, Equatable {
    public let memberClass: MemberClass
    public let sharePence: Int
    public let leftOn: Day?
  }

  /// The same rules as a new member's class and share; a leaving day must be on or after the joining day.
  public func validated(joinedOn: Day) throws(CareError) -> Valid {
    var v = Validator()
    if memberClass == nil { v.add("memberClass", "Select the class of membership") }
    let share = sharePence ?? -1
    if !(0...10_000_000).contains(share) {
      v.add("sharePence", "Enter the share as a whole number of pence from 0 to 10000000")
    }
    let left = v.day(leftOn, field: "leftOn", label: "the date they left", required: false)
    if let left, left < joinedOn {
      v.add("leftOn", "The date they left must be on or after the date they joined, \(joinedOn.longText)")
    }
    try v.check()
    return Valid(memberClass: memberClass!, sharePence: share, leftOn: left)
  }
}

/// A membership for someone who already has an account in the co-op (a person supported without an
/// e-mail address, a family member already in a team): what the form and API ask for.
public struct NewMembership: Sendable, Codable {
  public var accountID: String
  public var memberClass: MemberClass?
  public var joinedOn: String
  public var sharePence: Int?

  public init(accountID: String, memberClass: MemberClass?, joinedOn: String, sharePence: Int?) {
    self.accountID = accountID
    self.memberClass = memberClass
    self.joinedOn = joinedOn
    self.sharePence = sharePence
  }

  public struct Valid: Sendable {
    public let accountID: ID<Account>
    public let memberClass: MemberClass
    public let joinedOn: Day
    public let sharePence: Int
  }

  public func validated() throws(CareError) -> Valid {
    var v = Validator()
    let account = ID<Account>(string: accountID)
    if account == nil { v.add("accountID", "Select who is joining") }
    // The same rules as a new member's class, date and share.
    let rest = NewMember(
      name: "-", email: nil, memberClass: memberClass, joinedOn: joinedOn, sharePence: sharePence)
    var valid: NewMember.Valid?
    do { valid = try rest.validated() } catch {
      if case .invalid(let errors) = error {
        for error in errors { v.add(error.field, error.message) }
      }
    }
    try v.check()
    guard let account, let valid else { throw .invalid("accountID", "Select who is joining") }
    return Valid(
      accountID: account, memberClass: valid.memberClass, joinedOn: valid.joinedOn, sharePence: valid.sharePence)
  }
}
