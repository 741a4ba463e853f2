import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CareStore
@testable import CareWeb

/// Every route × every kind of user, with the expected status written out. A route added without
/// rows here fails `everyRouteHasRows`.
@Suite("Access matrix")
struct AccessMatrixTests {
  enum Role: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case person, arranger, family, teamWorker, sameCircleWorker, otherCircleWorker, hatHolder, admin, otherCoopAdmin,
      anonymous, invited
    var testDescription: String { rawValue }
  }

  struct Row: Sendable {
    let route: String  // "METHOD /path/:param" as Vapor names it
    let path: @Sendable (Targets) -> String
    var form: [String: String]? = nil
    var json: String? = nil
    let expected: String  // one status per role, in `Role.allCases` order
  }

  struct Targets: Sendable {
    let team: ID<Person>
    let circle: ID<Circle>
    let hat: ID<Hat>
    let member: ID<Member>
    let worker: ID<Account>
    let familyMembership: ID<TeamMembership>
    let workerMembership: ID<TeamMembership>
    /// A published visit of the person's, worked by the team worker.
    let visit: ID<RotaVisit>
    /// A medicine of the person's (agreed), and a change of it waiting for the person's answer.
    let medicine: ID<Medicine>
    let medicineChange: ID<MedicineVersion>
    /// The demo's standing consent to photos, and the photo kept under it.
    let mediaConsent: ID<MediaConsent>
    let mediaItem: ID<MediaItem>
    /// A photo a worker sent without a consent to cover it, waiting for the person's answer.
    let mediaWaiting: ID<MediaItem>
    /// The demo's support agreement, seen by the whole team, in two versions.
    let document: ID<PersonDocument>
    /// The demo's goal, in three steps (the first done).
    let goal: ID<PlanGoal>
    /// The co-op's safeguarding policy (for everyone), and the team's circle's minutes (for members).
    let libraryPolicy: ID<LibraryDocument>
    let libraryMinutes: ID<LibraryDocument>
    /// The demo's open proposal (a majority vote, two answers so far).
    let proposal: ID<Proposal>
    /// The demo's open election (two seats, four candidates; the family member has voted).
    let election: ID<Proposal>
    /// The demo's concern, raised by the family member and acknowledged by the registered manager.
    let concern: ID<Concern>
    /// The demo's team decision: a plan change the team decides by consent (the person said yes, the family
    /// member has a concern).
    let decision: ID<TeamDecision>
    /// A hand-over of the finance hat the administrator asked for (to the team worker), waiting for a second
    /// hat holder: nobody in these roles may approve it (the asker, the one named, nobody else holds one).
    let financeHat: ID<Hat>
    let handover: ID<HandoverRequest>
    /// The demo's general meeting held a fortnight ago (attendance taken, minutes written).
    let meeting: ID<Meeting>
  }

  // Roles:                   P   A   F   W   S   O   H   D   X   N   I
  // (I: invited into the person's team, not yet answered: sees the invitation only, then accepts.)
  /// Rows come from each capability (`AccessMatrix/<Capability>Rows.swift`), one line each here. Pages run
  /// before the API, and each capability's `last` rows after both (signing out ends the sessions used above).
  static let capabilities: [CapabilityRows] = [
    homeRows,
    accountsRows,
    peopleRows,
    whoLookedRows,  // before the team's rows: the invitee answers there, and is then a member
    teamsRows,
    circlesRows,
    membersRows,
    hatsRows,
    weekRows,
    recordsRows,
    medicinesRows,
    mediaRows,
    hoursRows,
    invoiceRows,
    paymentsRows,
    plansRows,
    documentsRows,
    libraryRows,
    governanceRows,
    concernsRows,
    meetingsRows,
    teamSayRows,
    payRows,
  ]
  static let rows: [Row] =
    capabilities.flatMap(\.pages) + capabilities.flatMap(\.api) + capabilities.flatMap(\.last)
    + capabilities.flatMap(\.afterAll)

  struct CapabilityRows: Sendable {
    var pages: [Row] = []
    var api: [Row] = []
    var last: [Row] = []
    /// Rows that end the sessions (signing out): after every capability's `last`.
    var afterAll: [Row] = []
  }

  /// On both engines: the same answers whether the store is SQLite or PostgreSQL.
  @Test(arguments: Role.allCases, Engine.allCases)
  func everyRouteAnswersAsWrittenFor(role: Role, engine: Engine) async throws {
    let index = Role.allCases.firstIndex(of: role)!
    try await TestApp.with(engine: engine) { t in
      let (demo, otherAdmin) = try await t.seedDemo()
      let team = try #require(try await t.store.team(demo.person.id, coop: demo.coop.id))
      let hats = try await t.store.hats(coop: demo.coop.id)
      let visit = try await Self.publishedVisit(t, demo, circle: team.circle.id)
      let (medicine, change) = try await Self.medicineAndChange(t, demo, team: team)
      let media = try await t.app.care.cases.seedDemoMedia(demo)
      let document = try await t.app.care.cases.seedDemoDocuments(demo)
      let goal = try await t.app.care.cases.seedDemoGoal(demo)
      let library = try await t.app.care.cases.seedDemoLibrary(demo)
      let proposal = try await t.app.care.cases.seedDemoProposal(demo)
      let election = try await t.app.care.cases.seedDemoElections(demo)
      let concern = try await t.app.care.cases.seedDemoConcerns(demo)
      let decision = try await t.app.care.cases.seedDemoTeamSay(demo)
      let handover = try await t.app.care.cases.seedDemoSecondApproval(demo)
      let meeting = try await t.app.care.cases.seedDemoMeetings(demo)
      let targets = Targets(
        team: demo.person.id, circle: team.circle.id,
        hat: hats.first { $0.hat.kind == .rotaKeeper && $0.hat.circleID == team.circle.id }!.hat.id,
        member: try await t.store.memberRegister(coop: demo.coop.id).first { $0.1.id != demo.admin.id }!.0.id,
        worker: demo.teamWorker.id,
        familyMembership: team.active.first { $0.account.id == demo.family.id }!.membership.id,
        workerMembership: team.active.first { $0.account.id == demo.teamWorker.id }!.membership.id, visit: visit,
        medicine: medicine.medicineID, medicineChange: change.id,
        mediaConsent: media.0.id, mediaItem: media.1.id, mediaWaiting: media.2.id, document: document.id,
        goal: goal.id, libraryPolicy: library.policy.id, libraryMinutes: library.minutes.id,
        proposal: proposal.id, election: election.id, concern: concern.id, decision: decision.id,
        financeHat: handover.hatID, handover: handover.id, meeting: meeting.id)
      let account: Account? =
        switch role {
        case .person: demo.personAccount
        case .arranger: demo.arranger
        case .family: demo.family
        case .teamWorker: demo.teamWorker
        case .sameCircleWorker: demo.sameCircleWorker
        case .otherCircleWorker: demo.otherCircleWorker
        case .hatHolder: demo.rotaKeeper
        case .admin: demo.admin
        case .otherCoopAdmin: otherAdmin
        case .anonymous: nil
        case .invited:
          try await t.store.invite(
            Invitation(name: "Ivy Invitee", email: "ivy@example.org", relationship: .friend, isArranger: false),
            to: team, by: demo.personAccount.id, onBehalfOf: nil, env: t.clock.env
          ).invitee
        }
      let web = try await account.asyncMap { try await t.session(for: $0) }
      let api = try await account.asyncMap { try await t.session(for: $0, kind: "api") }
      for row in Self.rows {
        let isAPI = row.route.contains(" /api/")
        let method = HTTPMethod(rawValue: String(row.route.prefix { $0 != " " }))
        let response = try await t.send(
          method, row.path(targets), session: isAPI ? nil : web, bearer: isAPI ? api : nil, form: row.form,
          json: row.json)
        let want = row.expected.split(separator: " ")[index]
        #expect(String(response.status.code) == want, "\(role.rawValue) on \(engine): \(row.route)")
      }
    }
  }

  /// A published week with one visit today: the person's, worked by the team worker (put straight in, without
  /// the engine: the records' rows need a visit, not a plan).
  static func publishedVisit(_ t: TestApp, _ demo: DemoCoop, circle: ID<Circle>) async throws -> ID<RotaVisit> {
    let today = CoopCalendar.london.day(of: t.clock.env.now())
    let admin = try await t.store.actor(for: demo.admin, on: today)
    let plan = try AccessPolicy.permit(admin, .planWeek(coop: demo.coop.id, circle: circle))
    let visit = NewRotaVisit(
      personID: demo.person.id, pattern: 0, slot: 0, day: today, start: 9 * 60, length: 60, usualStart: 9 * 60,
      window: 0, tasks: [.meals, .personalCare], workerID: demo.teamWorker.id, partnerID: nil)
    let kept = try await t.store.publishWeek(
      monday: CoopCalendar.london.weekStart(of: today), visits: [visit], permit: plan, env: t.clock.env)
    return try #require(kept.first).id
  }

  /// A medicine the arranger added (agreed at once), and a change the family proposed, waiting.
  static func medicineAndChange(_ t: TestApp, _ demo: DemoCoop, team: Team) async throws
    -> (MedicineVersion, MedicineVersion)
  {
    let today = CoopCalendar.london.day(of: t.clock.env.now())
    let details = MedicineDetails(
      name: "Metformin", dose: "500 mg", route: .mouth, times: [9 * 60], asNeeded: false, purpose: "Diabetes",
      givenBy: .worker)
    let arranger = try await t.store.actor(for: demo.arranger, on: today)
    let medicine = try await t.store.proposeMedicine(
      MedicineChange(medicine: nil, details: details),
      permit: try AccessPolicy.permit(arranger, .proposeMedicine(TeamFacts(team))), env: t.clock.env)
    let family = try await t.store.actor(for: demo.family, on: today)
    var later = details
    later.times = [10 * 60]
    let change = try await t.store.proposeMedicine(
      MedicineChange(medicine: medicine.medicineID, details: later, reason: "After breakfast"),
      permit: try AccessPolicy.permit(family, .proposeMedicine(TeamFacts(team))), env: t.clock.env)
    return (medicine, change)
  }

  @Test func everyRouteHasRows() async throws {
    try await TestApp.with { t in
      let registered = Set(
        t.app.routes.all.map { route in
          "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
        })
      let covered = Set(Self.rows.map(\.route))
      #expect(registered.subtracting(covered).sorted() == [], "routes with no rows in the access matrix")
      #expect(covered.subtracting(registered).sorted() == [], "rows for routes that do not exist")
      #expect(Self.rows.allSatisfy { $0.expected.split(separator: " ").count == Role.allCases.count })
      // Every route says whether it is a page or the API where it is registered (sessions, CSRF and error
      // answers follow that, not the address).
      for route in t.app.routes.all {
        let kind = route.userInfo[RouteKind.key] as? RouteKind
        let underAPI = route.path.first?.description == "api"
        #expect(
          kind == (underAPI ? .api : .page),
          "\(route.method) \(route.path) is registered as \(String(describing: kind))")
      }
    }
  }
}

extension Optional {
  func asyncMap<U>(_ transform: (Wrapped) async throws -> U) async rethrows -> U? {
    guard let value = self else { return nil }
    return try await transform(value)
  }
}
