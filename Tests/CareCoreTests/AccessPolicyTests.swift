import CareCore
import Foundation
import Testing

/// The policy on its own, role by role. The web's access matrix checks the same rules end to end.
@Suite("Access policy")
struct AccessPolicyTests {
  enum Role: String, CaseIterable, CustomTestStringConvertible {
    case person, arranger, family, teamWorker, sameCircleWorker, otherCircleWorker, rotaKeeper, admin, otherCoopAdmin
    var testDescription: String { rawValue }
  }

  static let coop = ID<Coop>(UUID())
  static let otherCoop = ID<Coop>(UUID())
  static let circle = ID<Circle>(UUID())
  static let otherCircle = ID<Circle>(UUID())
  static let ids = Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0, ID<Account>(UUID())) })

  static let team = TeamFacts(
    coopID: coop, personID: ID(UUID()), personAccountID: ids[.person]!, circleID: circle,
    activeMembers: [ids[.arranger]!: true, ids[.family]!: false, ids[.teamWorker]!: false],
    invitedMembers: [])

  static func actor(_ role: Role) -> Requester {
    let account = Account(
      id: ids[role]!, coopID: role == .otherCoopAdmin ? otherCoop : coop, name: role.rawValue, email: nil,
      isAdministrator: role == .admin || role == .otherCoopAdmin)
    let cls: MemberClass? =
      switch role {
      case .person: .supported
      case .arranger, .family: .supporter
      case .teamWorker, .sameCircleWorker, .otherCircleWorker, .rotaKeeper: .worker
      case .admin, .otherCoopAdmin: nil
      }
    let circles: Set<ID<Circle>> =
      switch role {
      case .teamWorker, .sameCircleWorker, .rotaKeeper: [circle]
      case .otherCircleWorker: [otherCircle]
      default: []
      }
    let hats: Set<Requester.HeldHat> = role == .rotaKeeper ? [.init(kind: .rotaKeeper, circleID: circle)] : []
    return Requester(account: account, memberClass: cls, circleIDs: circles, hats: hats)
  }

  // Expected answers, role by role: a = allowed, b = allowed on the person's behalf, f = 403, n = 404.
  static let table: [(String, @Sendable (ID<Coop>) -> Action, String)] = [
    ("view team", { _ in .viewTeam(team) }, "a a a a n n a a n"),
    ("change team", { _ in .changeTeam(team) }, "a b f f n n f f n"),
    ("answer invitation", { _ in .respondToInvitation(team) }, "n n n n n n n n n"),
    ("add person", { .createPerson($0) }, "f f f f f f f a a"),
    ("view circle", { _ in .viewCircle(coop: coop) }, "a a a a a a a a n"),
    ("manage circles", { _ in .manageCircles(coop: coop) }, "f f f f f f f a n"),
    ("join a circle", { _ in .joinOrLeaveCircle(coop: coop) }, "f f f a a a a f n"),
    ("read register", { _ in .viewMemberRegister(coop: coop) }, "f f f f f f f a n"),
    ("hand over hat", { _ in .handOverHat(coop: coop) }, "f f f f f f f a n"),
  ]

  @Test(arguments: Role.allCases)
  func everyRuleForRole(role: Role) {
    let index = Role.allCases.firstIndex(of: role)!
    for (name, action, expected) in Self.table {
      let want = expected.split(separator: " ")[index]
      let got: String =
        switch AccessPolicy.decide(Self.actor(role), action(Self.actor(role).coopID)) {
        case .allowed(nil): "a"
        case .allowed(.some): "b"
        case .forbidden: "f"
        case .notFound: "n"
        }
      #expect(got == String(want), "\(role.rawValue) → \(name)")
    }
  }

  @Test func invitedPersonMayAnswerButNotSeeTheTeam() {
    let invitee = Self.actor(.sameCircleWorker)
    let team = TeamFacts(
      coopID: Self.coop, personID: Self.team.personID, personAccountID: Self.team.personAccountID,
      circleID: Self.circle, activeMembers: Self.team.activeMembers, invitedMembers: [invitee.account.id])
    #expect(AccessPolicy.decide(invitee, .respondToInvitation(team)) == .allowed)
    #expect(AccessPolicy.decide(invitee, .viewTeam(team)) == .notFound)
  }

  @Test func safeguardingLeadOfAnotherCircleDoesNotSeeTheTeam() {
    let lead = Requester(
      account: Account(id: ID(UUID()), coopID: Self.coop, name: "Lead", email: nil, isAdministrator: false),
      memberClass: .worker, circleIDs: [Self.otherCircle],
      hats: [.init(kind: .safeguardingLead, circleID: Self.otherCircle)])
    #expect(AccessPolicy.decide(lead, .viewTeam(Self.team)) == .notFound)
    let ownLead = Requester(
      account: lead.account, memberClass: .worker, circleIDs: [Self.circle],
      hats: [.init(kind: .safeguardingLead, circleID: Self.circle)])
    #expect(AccessPolicy.decide(ownLead, .viewTeam(Self.team)) == .allowed)
  }
}
