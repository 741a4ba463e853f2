import CareTestSupport
import Foundation
import Testing

@testable import CareCore
@testable import CareStore

@Suite("Store: teams, circles, hats")
struct TeamStoreTests {
  /// A co-op with one circle, one person and an administrator.
  func world(_ store: Store, _ clock: TestClock) async throws -> (Coop, Account, Circle, Team) {
    let (coop, admin) = try await setUpCoop(store, clock)
    let circle = try await store.createCircle(
      NewCircle(name: "North", area: "Northtown"), coop: coop.id, by: admin.id, env: clock.env)
    let person = try await store.createPerson(
      NewPerson(
        name: "Pat Person", email: "pat@example.org", circleID: circle.id.description, communicationNeeds: "Easy Read"),
      coop: coop.id, by: admin.id, env: clock.env)
    return (coop, admin, circle, try #require(try await store.team(person.id, coop: coop.id)))
  }

  @Test(arguments: Engine.allCases)
  func inviteAcceptAndRemoveKeepsTheStory(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      let (coop, _, _, team) = try await world(store, clock)
      let invite = Invitation(name: "Mo Mum", email: "mo@example.org", relationship: .family, isArranger: true)
      let result = try await store.invite(invite, to: team, by: team.personAccount.id, onBehalfOf: nil, env: clock.env)
      #expect(result.isNewAccount)
      #expect(try await store.team(team.person.id, coop: coop.id)?.invited.map(\.account.name) == ["Mo Mum"])
      let again = try #require(try await store.team(team.person.id, coop: coop.id))
      try await store.respond(to: again, accept: true, by: result.invitee.id, env: clock.env)
      let joined = try #require(try await store.team(team.person.id, coop: coop.id))
      #expect(joined.active.map(\.account.name) == ["Mo Mum"])
      #expect(joined.active.first?.membership.isArranger == true)
      #expect(try await store.teams(for: result.invitee.id).map(\.personName) == ["Pat Person"])
      // The arranger takes someone out on Pat's behalf; the audit says so.
      let friend = try await store.invite(
        Invitation(name: "Fi Friend", email: "fi@example.org", relationship: .friend, isArranger: false),
        to: joined, by: result.invitee.id, onBehalfOf: team.person.id, env: clock.env)
      try await store.removeFromTeam(
        friend.membership.id, team: joined, by: result.invitee.id, onBehalfOf: team.person.id, env: clock.env)
      let events = try await store.auditEvents(coop: coop.id, person: team.person.id)
      #expect(events.first?.action == .removeFromTeam)
      #expect(events.first?.onBehalfOf == team.person.id)
      #expect(try await store.team(team.person.id, coop: coop.id)?.entries.last?.membership.status == .removed)
    }
  }

  @Test(arguments: Engine.allCases)
  func badInvitationsWriteNothing(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      let (coop, _, _, team) = try await world(store, clock)
      let before = try await store.accounts(coop: coop.id).count
      await #expect(throws: CareError.self) {
        try await store.invite(
          Invitation(name: "", email: "bad", relationship: nil, isArranger: false), to: team, by: team.personAccount.id,
          onBehalfOf: nil, env: clock.env)
      }
      await #expect(throws: CareError.conflict(FieldError("email", "That is your own email address"))) {
        try await store.invite(
          Invitation(name: "Me", email: "pat@example.org", relationship: .friend, isArranger: false), to: team,
          by: team.personAccount.id, onBehalfOf: nil, env: clock.env)
      }
      _ = try await store.invite(
        Invitation(name: "Al", email: "al@example.org", relationship: .friend, isArranger: false), to: team,
        by: team.personAccount.id, onBehalfOf: nil, env: clock.env)
      await #expect(throws: CareError.conflict(FieldError("email", "Al is already in the team or invited"))) {
        try await store.invite(
          Invitation(name: "Al", email: "al@example.org", relationship: .friend, isArranger: false), to: team,
          by: team.personAccount.id, onBehalfOf: nil, env: clock.env)
      }
      #expect(try await store.accounts(coop: coop.id).count == before + 1)
    }
  }

  @Test(arguments: Engine.allCases)
  func noQueryCrossesCoops(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      let (_, _, circle, team) = try await world(store, clock)
      let (other, otherAdmin) = try await setUpCoop(store, clock, name: "Other", email: "other@example.org")
      #expect(try await store.team(team.person.id, coop: other.id) == nil)
      #expect(try await store.circleDetail(circle.id, coop: other.id) == nil)
      #expect(try await store.people(coop: other.id).isEmpty)
      await #expect(throws: CareError.notFound) {
        try await store.joinCircle(circle.id, account: otherAdmin.id, coop: other.id, env: clock.env)
      }
      await #expect(throws: CareError.unknownReference(FieldError("circleID", "Select a circle"))) {
        try await store.createPerson(
          NewPerson(name: "X", email: nil, circleID: circle.id.description, communicationNeeds: nil), coop: other.id,
          by: otherAdmin.id, env: clock.env)
      }
    }
  }

  @Test(arguments: Engine.allCases)
  func circlesSayWhenTheyHaveOutgrownTheirGuide(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      let (coop, admin) = try await setUpCoop(store, clock)
      let circle = try await store.createCircle(
        NewCircle(name: "Tiny", area: "Here", maxWorkers: 2, maxTeams: 5), coop: coop.id, by: admin.id, env: clock.env)
      #expect(
        try await store.hats(coop: coop.id).filter { $0.hat.circleID == circle.id }.map(\.hat.kind).sorted {
          $0.rawValue < $1.rawValue
        } == [.rotaKeeper, .safeguardingLead])
      for name in ["A One", "B Two", "C Three"] {
        let member = try await store.addMember(
          NewMember(
            name: name, email: "\(name.prefix(1).lowercased())@example.org", memberClass: .worker,
            joinedOn: "2026-01-01", sharePence: 100), coop: coop.id, by: admin.id, env: clock.env)
        try await store.joinCircle(circle.id, account: member.accountID, coop: coop.id, env: clock.env)
        // Joining twice is harmless.
        try await store.joinCircle(circle.id, account: member.accountID, coop: coop.id, env: clock.env)
      }
      let detail = try #require(try await store.circleDetail(circle.id, coop: coop.id))
      #expect(detail.workers.count == 3)
      #expect(detail.sizeAdvice?.contains("3 workers (guide: 2)") == true)
      try await store.leaveCircle(circle.id, account: detail.workers[0].id, coop: coop.id, env: clock.env)
      #expect(try await store.circleDetail(circle.id, coop: coop.id)?.sizeAdvice == nil)
    }
  }

  /// Seeing a team and writing its who-looked row are one call: the allowed get the team and exactly one row;
  /// the rest get "not found" and leave no row, and cannot reach the team any other way through it.
  @Test(arguments: Engine.allCases)
  func viewingATeamAsksThePolicyAndWritesTheRowInOneCall(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      let (coop, admin, _, team) = try await world(store, clock)
      let day = Day(clock.env.now())
      let owner = try await store.actor(for: team.personAccount, on: day)
      let stranger = try await store.addMember(
        NewMember(name: "Sam", email: "sam@example.org", memberClass: .worker, joinedOn: "2026-01-01", sharePence: 1),
        coop: coop.id, by: admin.id, env: clock.env)
      let outsider = try await store.actor(for: try #require(try await store.account(stranger.accountID)), on: day)
      let seen = try await store.viewTeam(team.person.id, by: owner, env: clock.env)
      #expect(seen.person.id == team.person.id)
      await #expect(throws: CareError.notFound) {
        _ = try await store.viewTeam(team.person.id, by: outsider, env: clock.env)
      }
      let views = try await store.auditEvents(coop: coop.id, person: team.person.id).filter { $0.action == .viewTeam }
      #expect(views.map(\.actorID) == [team.personAccount.id])
    }
  }

  @Test(arguments: Engine.allCases)
  func handingOverAHatKeepsItsHistory(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      let (coop, admin) = try await setUpCoop(store, clock)
      let finance = try #require(try await store.hats(coop: coop.id).first { $0.hat.kind == .finance })
      let b = try await store.addMember(
        NewMember(
          name: "Bo Books", email: "bo@example.org", memberClass: .worker, joinedOn: "2026-01-01", sharePence: 100),
        coop: coop.id, by: admin.id, env: clock.env)
      _ = try await store.handOver(
        finance.hat.id, Handover(toAccountID: admin.id.description, termStart: "2026-01-01", termEnd: "2026-12-31"),
        coop: coop.id, by: admin.id, env: clock.env)
      _ = try await store.handOver(
        finance.hat.id, Handover(toAccountID: b.accountID.description, termStart: "2026-06-01", termEnd: nil),
        coop: coop.id, by: admin.id, env: clock.env)
      let hat = try #require(try await store.hat(finance.hat.id, coop: coop.id))
      #expect(hat.history.map(\.1.name) == ["Bo Books", "Ada Admin"])
      #expect(hat.history[1].0.endedOn == Day(iso: "2026-06-01"))
      #expect(hat.history[1].0.handedOverTo == b.accountID)
      #expect(hat.current(on: Day(iso: "2026-07-01")!).map(\.1.name) == ["Bo Books"])
      let actor = try await store.actor(
        for: try #require(try await store.account(b.accountID)), on: Day(iso: "2026-07-01")!)
      #expect(actor.wears(.finance))
    }
  }

  @Test(arguments: Engine.allCases)
  func theDemoCoopIsBelievable(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      let demo = try await store.seedDemo(passwordHash: "x", env: clock.env)
      let circles = try await store.circles(coop: demo.coop.id)
      #expect(circles.count == 2)
      #expect(try await store.people(coop: demo.coop.id).count == 12)
      let workers = try await store.memberRegister(coop: demo.coop.id).filter { $0.0.memberClass == .worker }
      #expect(workers.count == 20)
      let team = try #require(try await store.team(demo.person.id, coop: demo.coop.id))
      #expect(team.active.filter { $0.membership.relationship == .worker }.count == 3)
      #expect(team.active.filter { $0.membership.relationship == .backupWorker }.count == 1)
      #expect(team.active.contains { $0.account.id == demo.arranger.id && $0.membership.isArranger })
      #expect(
        !team.active.contains { $0.account.id == demo.sameCircleWorker.id || $0.account.id == demo.rotaKeeper.id })
      let held = try await store.hats(coop: demo.coop.id).filter { !$0.current(on: Day(clock.env.now())).isEmpty }
      #expect(held.count == 7)
    }
  }
}

@Suite("Store: permits")
struct PermitTests {
  /// The store does a person's work only with the policy's permit for that work on that person: a permit
  /// for something else, or for someone else, is refused and nothing is written.
  @Test(arguments: Engine.allCases)
  func aPermitForSomethingElseIsRefused(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      let (coop, admin) = try await setUpCoop(store, clock)
      let circle = try await store.createCircle(
        NewCircle(name: "North", area: "Northtown"), coop: coop.id, by: admin.id, env: clock.env)
      let adminRequester = try await store.actor(for: admin, on: Day(iso: "2026-05-28")!)
      let add = try AccessPolicy.permit(adminRequester, .createPerson(coop.id))
      let patTeam = try await store.createPerson(
        NewPerson(name: "Pat", email: "pat@example.org", circleID: circle.id.description, communicationNeeds: nil),
        permit: add, env: clock.env)
      let samTeam = try await store.createPerson(
        NewPerson(name: "Sam", email: "sam@example.org", circleID: circle.id.description, communicationNeeds: nil),
        permit: add, env: clock.env)
      // The facts the policy decides on, then the team only with the permit given on them.
      #expect(try await store.teamFacts(patTeam.person.id, coop: coop.id) == TeamFacts(patTeam))
      await #expect(throws: CareError.forbidden) { try await store.team(permit: add) }
      let patRequester = try await store.actor(for: patTeam.personAccount, on: Day(iso: "2026-05-28")!)
      let before = try await store.auditEvents(coop: coop.id, limit: 1000).count
      let invitation = Invitation(name: "Mo", email: "mo@example.org", relationship: .family, isArranger: false)
      // Pat's permit to change Pat's team does not change Sam's.
      let patChanges = try AccessPolicy.permit(patRequester, .changeTeam(TeamFacts(patTeam)))
      await #expect(throws: CareError.forbidden) {
        try await store.invite(invitation, to: samTeam, permit: patChanges, env: clock.env)
      }
      // A permit to see a team is no permit to change it, nor to read its log.
      let patSees = try AccessPolicy.permit(patRequester, .viewTeam(TeamFacts(patTeam)))
      #expect(try await store.team(permit: patSees).person.id == patTeam.person.id)
      await #expect(throws: CareError.forbidden) {
        try await store.invite(invitation, to: patTeam, permit: patSees, env: clock.env)
      }
      await #expect(throws: CareError.forbidden) {
        try await store.whoLooked(permit: patSees, limit: 10, offset: 0, env: clock.env)
      }
      await #expect(throws: CareError.forbidden) {
        try await store.createPerson(
          NewPerson(name: "Kit", email: nil, circleID: circle.id.description, communicationNeeds: nil),
          permit: patSees, env: clock.env)
      }
      #expect(try await store.auditEvents(coop: coop.id, limit: 1000).count == before)
      #expect(try await store.team(samTeam.person.id, coop: coop.id)?.invited.isEmpty == true)
      // The right permit works, and reading the log writes its own line in the same call.
      _ = try await store.invite(invitation, to: patTeam, permit: patChanges, env: clock.env)
      let reads = try AccessPolicy.permit(patRequester, .viewWhoLooked(TeamFacts(patTeam)))
      let lines = try await store.whoLooked(permit: reads, limit: 10, offset: 0, env: clock.env)
      #expect(lines.first?.action == .invite)
      #expect(try await store.auditEvents(coop: coop.id, person: patTeam.person.id).first?.action == .viewWhoLooked)
    }
  }
}

@Suite("Store: views committed in groups")
struct ViewLogTests {
  /// Rows arriving while a commit is under way go into the next commit together; each caller returns only
  /// once its own row is committed.
  @Test func rowsArrivingDuringACommitShareTheNextOne() async throws {
    let committed = CommittedRows()
    let log = ViewLog { events in
      try await Task.sleep(nanoseconds: 200_000_000)  // a slow fsync
      await committed.add(events.count)
    }
    let events = (0..<20).map { n in
      AuditEvent(
        id: ID(UUID()), coopID: nil, at: Date(), actorID: nil, onBehalfOf: nil, personID: nil, action: .viewTeam,
        detail: "\(n)")
    }
    try await withThrowingTaskGroup(of: Void.self) { group in
      for event in events {
        group.addTask {
          try await log.append(event)
          // Returned: its row is in a finished commit.
          #expect(await committed.total >= 1)
        }
      }
      try await group.waitForAll()
    }
    let batches = await committed.batches
    #expect(batches.reduce(0, +) == 20)
    #expect(batches.count < 20, "\(batches)")
    #expect(await log.commits == batches.count)
  }

  /// A failed commit fails every view in it: none is shown without its row.
  @Test func aFailedCommitFailsEveryViewInIt() async throws {
    struct DiskFull: Error {}
    let log = ViewLog { _ in throw DiskFull() }
    let event = AuditEvent(
      id: ID(UUID()), coopID: nil, at: Date(), actorID: nil, onBehalfOf: nil, personID: nil, action: .viewTeam,
      detail: "")
    await #expect(throws: DiskFull.self) { try await log.append(event) }
  }

  /// Many people looking at once on a real store: every look has its row, in fewer commits than looks.
  @Test(arguments: Engine.allCases)
  func everyViewHasItsRow(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      let (coop, admin) = try await setUpCoop(store, clock)
      let circle = try await store.createCircle(
        NewCircle(name: "North", area: "Northtown"), coop: coop.id, by: admin.id, env: clock.env)
      let person = try await store.createPerson(
        NewPerson(name: "Pat", email: "pat@example.org", circleID: circle.id.description, communicationNeeds: nil),
        coop: coop.id, by: admin.id, env: clock.env)
      let viewer = try await store.actor(for: admin, on: Day(clock.env.now()))
      try await withThrowingTaskGroup(of: Void.self) { group in
        for _ in 0..<64 {
          group.addTask { _ = try await store.viewTeam(person.id, by: viewer, env: clock.env) }
        }
        try await group.waitForAll()
      }
      let views = try await store.auditEvents(coop: coop.id, person: person.id, limit: 1000)
        .filter { $0.action == .viewTeam }
      #expect(views.count == 64)
      #expect(await store.viewLog.rows == 64)
    }
  }
}

actor CommittedRows {
  private(set) var batches: [Int] = []
  var total: Int { batches.reduce(0, +) }
  func add(_ count: Int) { batches.append(count) }
}
