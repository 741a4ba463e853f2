import CareCore
import Foundation
import PropertyBased
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
  // Every kind of action has at least one row (`everyActionHasRows` fails otherwise).
  static let table: [(Action.Kind, @Sendable (ID<Coop>) -> Action, String)] = [
    (.viewTeam, { _ in .viewTeam(team) }, "a a a a n n a a n"),
    (.viewWhoLooked, { _ in .viewWhoLooked(team) }, "a a f f n n f a n"),
    (.changeTeam, { _ in .changeTeam(team) }, "a b f f n n f f n"),
    (.changePersonDetails, { _ in .changePersonDetails(team) }, "a b f f n n f a n"),
    (.respondToInvitation, { _ in .respondToInvitation(team) }, "n n n n n n n n n"),
    (.createPerson, { .createPerson($0) }, "f f f f f f f a a"),
    (.viewCircle, { _ in .viewCircle(coop: coop) }, "a a a a a a a a n"),
    (.manageCircles, { _ in .manageCircles(coop: coop) }, "f f f f f f f a n"),
    (.joinOrLeaveCircle, { _ in .joinOrLeaveCircle(coop: coop) }, "f f f a a a a f n"),
    (.viewMemberRegister, { _ in .viewMemberRegister(coop: coop) }, "f f f f f f f a n"),
    (.changeMemberRegister, { _ in .changeMemberRegister(coop: coop) }, "f f f f f f f a n"),
    (.viewHats, { _ in .viewHats(coop: coop) }, "a a a a a a a a n"),
    (.handOverHat, { _ in .handOverHat(coop: coop) }, "f f f f f f f a n"),
    (.planWeek, { _ in .planWeek(coop: coop, circle: circle) }, "f f f f f f a a n"),
    (.askCover, { _ in .askCover(coop: coop, circle: circle, worker: ids[.teamWorker]!) }, "f f f a f f a a n"),
    (
      .changeConsentZone, { _ in .changeConsentZone(coop: coop, worker: ids[.teamWorker]!) }, "f f f a f f f f n"
    ),
    (.proposePattern, { _ in .proposePattern(team) }, "a b a a n n a a n"),
    (.answerPattern, { _ in .answerPattern(team) }, "a b f f n n f f n"),
    (.changeHome, { _ in .changeHome(team) }, "a b f f n n a a n"),
    (.answerCover, { _ in .answerCover(coop: coop, worker: ids[.teamWorker]!) }, "f f f a f f f f n"),
    (.overrideSafeguarding, { _ in .overrideSafeguarding(team) }, "f f f f n n f f n"),
    (.reviewOverride, { _ in .reviewOverride(team, holder: ID(UUID())) }, "f f f f n n f f n"),
    (.viewEngagement, { _ in .viewEngagement(coop: coop, worker: ids[.teamWorker]!) }, "f f f a f f f a n"),
    (.changeEngagement, { _ in .changeEngagement(coop: coop) }, "f f f f f f f a n"),
    (
      .recordVisit, { _ in .recordVisit(VisitFacts(team: team, workers: [ids[.teamWorker]!], isPublished: true)) },
      "f f f a n n f f n"
    ),
    (
      .recordVisit, { _ in .recordVisit(VisitFacts(team: team, workers: [ids[.teamWorker]!], isPublished: false)) },
      "f f f f n n f f n"
    ),
    (
      .recordVisit,
      { _ in .recordVisit(VisitFacts(team: team, workers: [ids[.sameCircleWorker]!], isPublished: true)) },
      "f f f f a n f f n"
    ),
    (.viewRecords, { _ in .viewRecords(team) }, "a a a a n n f f n"),
    (.confirmVisitTimes, { _ in .confirmVisitTimes(team) }, "a b f f n n f f n"),
    (.viewMedicines, { _ in .viewMedicines(team) }, "a a a a n n f f n"),
    (.proposeMedicine, { _ in .proposeMedicine(team) }, "a b a a n n f f n"),
    (.answerMedicine, { _ in .answerMedicine(team) }, "a b f f n n f f n"),
    (.viewPlan, { _ in .viewPlan(team) }, "a a a a n n f f n"),
    (.proposePlanChange, { _ in .proposePlanChange(team) }, "a b a a n n f f n"),
    (.answerPlanChange, { _ in .answerPlanChange(team) }, "a b f f n n f f n"),
    (.viewDocuments, { _ in .viewDocuments(team) }, "a a a a n n f f n"),
    (.addDocument, { _ in .addDocument(team) }, "a b a a n n f f n"),
    (.changeDocumentSharing, { _ in .changeDocumentSharing(team) }, "a b f f n n f f n"),
    (.changeRecordSettings, { _ in .changeRecordSettings(team) }, "a b f f n n f f n"),
    (.setTeamSay, { _ in .setTeamSay(team) }, "a b f f n n f f n"),
    (.weighIn, { _ in .weighIn(team) }, "a a a a n n f f n"),
    (.approveHandover, { _ in .approveHandover(coop: coop, askedBy: ID(UUID()), to: ID(UUID())) }, "f f f f f f f a n"),
    // Never the one who asked for it.
    (
      .approveHandover, { _ in .approveHandover(coop: coop, askedBy: ids[.admin]!, to: ID(UUID())) },
      "f f f f f f f f n"
    ),
    (.viewMedia, { _ in .viewMedia(team) }, "a a a a n n f f n"),
    (
      .readBeforeVisit,
      { _ in .readBeforeVisit(VisitFacts(team: team, workers: [ids[.teamWorker]!], isPublished: true), underWay: false)
      },
      "f f f a n n f f n"
    ),
    (
      .readBeforeVisit,
      {
        _ in
        .readBeforeVisit(VisitFacts(team: team, workers: [ids[.sameCircleWorker]!], isPublished: true), underWay: false)
      },
      "f f f f n n f f n"
    ),
    (
      .readBeforeVisit,
      {
        _ in
        .readBeforeVisit(VisitFacts(team: team, workers: [ids[.sameCircleWorker]!], isPublished: true), underWay: true)
      },
      "f f f f a n f f n"
    ),
    (
      .readBeforeVisit,
      { _ in .readBeforeVisit(VisitFacts(team: team, workers: [ids[.teamWorker]!], isPublished: false), underWay: true)
      },
      "f f f f n n f f n"
    ),
    (.addMedia, { _ in .addMedia(team) }, "a b a a n n f f n"),
    (.changeMediaConsent, { _ in .changeMediaConsent(team) }, "a b f f n n f f n"),
    (.viewHours, { _ in .viewHours(team) }, "a a a a n n a f n"),
    (.changeHours, { _ in .changeHours(team) }, "a b f f n n f f n"),
    (.viewMoney, { _ in .viewMoney(team) }, "a a f f n n f f n"),
    (.choosePayments, { _ in .choosePayments(team) }, "a b f f n n f f n"),
    (.manageFunding, { _ in .manageFunding(team) }, "f f f f n n f f n"),
    (.invoice, { _ in .invoice(coop: coop) }, "f f f f f f f f n"),
    (.runPay, { _ in .runPay(coop: coop) }, "f f f f f f f f n"),
    (.viewPay, { _ in .viewPay(coop: coop, worker: ids[.teamWorker]!) }, "f f f a f f f f n"),
    (.choosePay, { _ in .choosePay(coop: coop, worker: ids[.teamWorker]!) }, "f f f a f f f f n"),
    // The library: anyone in the co-op reads; administrators keep the co-op's shelf; a circle's workers and
    // its rota keeper keep its own.
    (.viewLibrary, { _ in .viewLibrary(coop: coop) }, "a a a a a a a a n"),
    (.addToLibrary, { _ in .addToLibrary(coop: coop, circle: nil) }, "f f f f f f f a n"),
    (.addToLibrary, { _ in .addToLibrary(coop: coop, circle: circle) }, "f f f a a f a a n"),
    // Proposals: everyone in the co-op reads; members (and administrators) propose; members vote.
    (.viewProposals, { _ in .viewProposals(coop: coop) }, "a a a a a a a a n"),
    (.propose, { _ in .propose(coop: coop) }, "a a a a a a a a n"),
    (.vote, { _ in .vote(coop: coop) }, "a a a a a a a f n"),
    (.enterVotes, { _ in .enterVotes(coop: coop) }, "f f f f f f f a n"),
    // Members' meetings: called, attended and minuted by administrators (and the registered manager and the
    // onboarding hat); read by everyone in the co-op (`viewProposals`).
    (.runMeetings, { _ in .runMeetings(coop: coop) }, "f f f f f f f a n"),
    // Concerns: anyone in the co-op raises one; administrators (and the registered manager) handle them.
    (.raiseConcern, { _ in .raiseConcern(coop: coop) }, "a a a a a a a a n"),
    (.handleConcerns, { _ in .handleConcerns(coop: coop) }, "f f f f f f f a n"),
    // How the co-op is doing, in figures without names: everyone in the co-op.
    (.viewQuality, { _ in .viewQuality(coop: coop) }, "a a a a a a a a n"),
  ]

  /// The co-op's finance hat (a worker outside the team): sees a person's hours and money and records their
  /// funding, but banking and drawing stay the person's choice.
  @Test func theFinanceHatSeesMoneyButDoesNotSpendHours() {
    let worker = Self.actor(.otherCircleWorker)
    let finance = Requester(
      account: worker.account, memberClass: .worker, circleIDs: worker.circleIDs,
      hats: [.init(kind: .finance, circleID: nil)])
    #expect(AccessPolicy.decide(finance, .viewHours(Self.team)) == .allowed)
    #expect(AccessPolicy.decide(finance, .viewMoney(Self.team)) == .allowed)
    #expect(AccessPolicy.decide(finance, .manageFunding(Self.team)) == .allowed)
    #expect(AccessPolicy.decide(finance, .changeHours(Self.team)) == .forbidden)
    #expect(AccessPolicy.decide(finance, .choosePayments(Self.team)) == .forbidden)
    #expect(AccessPolicy.decide(finance, .invoice(coop: Self.coop)) == .allowed)
    #expect(AccessPolicy.decide(finance, .runPay(coop: Self.coop)) == .allowed)
    #expect(AccessPolicy.decide(finance, .viewPay(coop: Self.coop, worker: Self.ids[.teamWorker]!)) == .allowed)
    #expect(AccessPolicy.decide(worker, .viewMoney(Self.team)) == .notFound)
    #expect(
      AccessPolicy.decide(finance, .choosePay(coop: Self.coop, worker: Self.ids[.teamWorker]!)) == .forbidden,
      "how a worker is paid is theirs to choose")
  }

  /// A new kind of action cannot slip in without saying who may do it.
  @Test func everyActionHasRows() {
    let covered = Set(Self.table.map(\.0))
    let missing = Action.Kind.allCases.filter { !covered.contains($0) }
    #expect(missing.isEmpty, "no rows in the policy table for \(missing)")
    // And each row is about the action it names.
    for (kind, action, _) in Self.table { #expect(action(Self.coop).kind == kind) }
  }

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

  /// A safeguarding override lets its holder act over the team's say on that person only, only while in
  /// force at the requester's `now`; the permit says it was the override that allowed it.
  @Test func anOverrideCountsOnlyForItsPersonAndOnlyWhileInForce() throws {
    let start = Date(timeIntervalSince1970: 1_780_000_000)
    let lead = Requester(
      account: Account(id: ID(UUID()), coopID: Self.coop, name: "Lead", email: nil, isAdministrator: false),
      memberClass: .worker, circleIDs: [Self.circle], hats: [.init(kind: .safeguardingLead, circleID: Self.circle)])
    #expect(AccessPolicy.decide(lead, .overrideSafeguarding(Self.team)) == .allowed)
    #expect(AccessPolicy.decide(lead, .changeTeam(Self.team)) == .forbidden)
    // Its review is another's: the lead may review someone else's override, never their own.
    #expect(AccessPolicy.decide(lead, .reviewOverride(Self.team, holder: ID(UUID()))) == .allowed)
    #expect(AccessPolicy.decide(lead, .reviewOverride(Self.team, holder: lead.account.id)) == .forbidden)
    func holding(_ person: ID<Person>, at now: Date, ended: Date? = nil) -> Requester {
      var r = lead
      r.grants = [
        AccessGrant(
          id: ID(UUID()), coopID: Self.coop, personID: person, holderID: lead.account.id, kind: .safeguardingOverride,
          reason: "Concern", from: start, until: start + 3600, endedAt: ended)
      ]
      r.now = now
      return r
    }
    let inForce = holding(Self.team.personID, at: start + 60)
    #expect(AccessPolicy.decide(inForce, .changeTeam(Self.team)) == .allowed)
    #expect(AccessPolicy.decide(inForce, .answerPattern(Self.team)) == .allowed)
    #expect(try AccessPolicy.permit(inForce, .changeTeam(Self.team)).override != nil)
    #expect(try AccessPolicy.permit(inForce, .viewTeam(Self.team)).override == nil, "seeing needs no override")
    #expect(
      AccessPolicy.decide(inForce, .changeConsentZone(coop: Self.coop, worker: Self.ids[.teamWorker]!)) == .forbidden)
    for r in [
      holding(Self.team.personID, at: start - 1), holding(Self.team.personID, at: start + 3600),
      holding(Self.team.personID, at: start + 60, ended: start + 30), holding(ID(UUID()), at: start + 60),
    ] {
      #expect(AccessPolicy.decide(r, .changeTeam(Self.team)) == .forbidden)
    }
    // Handing the hat over ends what the override gave, though its hours are not up.
    let handedOver = Requester(
      account: inForce.account, memberClass: .worker, circleIDs: [Self.circle], hats: [],
      grants: inForce.grants, now: start + 60)
    #expect(!handedOver.mayHoldOverrides)
    #expect(!AccessPolicy.decide(handedOver, .changeTeam(Self.team)).isAllowed)
  }

  /// Whoever asks, holding whatever hats and class in their own co-op, every action on facts of another
  /// co-op is "not found": nothing about another co-op can be told apart from nothing at all.
  @Test func anythingInAnotherCoopIsNotFound() async {
    await propertyCheck(input: Gen.int(in: 0...((1 << 12) - 1)), Gen.int(in: 0...3), Gen.bool) { bits, cls, admin in
      let hatKinds = HatKind.allCases
      var hats = Set<Requester.HeldHat>()
      for (i, kind) in hatKinds.enumerated() where bits & (1 << i) != 0 {
        // Worn co-op wide or for the other co-op's circle id (which the asker cannot know, but try).
        hats.insert(.init(kind: kind, circleID: bits & (1 << (i + 6)) != 0 ? Self.circle : nil))
      }
      let asker = Requester(
        account: Account(id: ID(UUID()), coopID: Self.otherCoop, name: "Asker", email: nil, isAdministrator: admin),
        memberClass: [MemberClass.worker, .supported, .supporter, nil][cls], circleIDs: [Self.circle], hats: hats)
      // The team's facts even name the asker as its person, a member and an invitee: still another co-op's.
      let team = TeamFacts(
        coopID: Self.coop, personID: Self.team.personID, personAccountID: asker.account.id, circleID: Self.circle,
        activeMembers: [asker.account.id: true], invitedMembers: [asker.account.id])
      for (kind, action, _) in Self.table {
        let facts: Action =
          switch kind {
          case .viewTeam: .viewTeam(team)
          case .viewWhoLooked: .viewWhoLooked(team)
          case .changeTeam: .changeTeam(team)
          case .changePersonDetails: .changePersonDetails(team)
          case .respondToInvitation: .respondToInvitation(team)
          case .overrideSafeguarding: .overrideSafeguarding(team)
          case .reviewOverride: .reviewOverride(team, holder: ID(UUID()))
          case .answerPattern: .answerPattern(team)
          default: action(Self.coop)
          }
        #expect(AccessPolicy.decide(asker, facts) == .notFound, "\(kind) in another co-op")
      }
    }
  }
}
