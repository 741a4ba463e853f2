import CareTestSupport
import FluentKit
import Foundation
import SQLKit
import Testing

@testable import CareCore
@testable import CareStore

/// Many requests at the same moment for something only one may have: exactly one wins, on both engines
/// (PostgreSQL's pool runs them truly at once; SQLite's single connection one after another).
@Suite("Store: racing requests")
struct RaceTests {
  /// Runs `body` `count` times at once and returns how many finished without throwing.
  func race(_ count: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async -> Int {
    await withTaskGroup(of: Bool.self) { group in
      for i in 0..<count {
        group.addTask {
          do {
            try await body(i)
            return true
          } catch {
            return false
          }
        }
      }
      return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
    }
  }

  func world(_ store: Store, _ clock: TestClock) async throws -> (Coop, Account, Circle, Team) {
    try await TeamStoreTests().world(store, clock)
  }

  /// 32 invitations of an account the co-op already has: only the unique index on open memberships stands
  /// between them (with it removed, this fails on PostgreSQL).
  @Test(arguments: Engine.allCases)
  func thirtyTwoInvitationsOfOneAccountMakeOneOpenInvitation(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      let (coop, admin, _, team) = try await world(store, clock)
      _ = try await store.addMember(
        NewMember(
          name: "Mo Mum", email: "mo@example.org", memberClass: .supporter, joinedOn: "2026-01-01", sharePence: 1),
        coop: coop.id, by: admin.id, env: clock.env)
      let wins = await race(32) { _ in
        _ = try await store.invite(
          Invitation(name: "Mo Mum", email: "mo@example.org", relationship: .family, isArranger: false),
          to: team, by: team.personAccount.id, onBehalfOf: nil, env: clock.env)
      }
      #expect(wins == 1)
      let after = try #require(try await store.team(team.person.id, coop: coop.id))
      #expect(after.invited.count == 1)
      let invites = try await store.auditEvents(coop: coop.id, person: team.person.id).filter { $0.action == .invite }
      #expect(invites.count == 1)
    }
  }

  @Test(arguments: Engine.allCases)
  func thirtyTwoJoinsMakeOneOpenCircleMembership(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      let (coop, admin, circle, _) = try await world(store, clock)
      let wins = await race(32) { _ in
        try await store.joinCircle(circle.id, account: admin.id, coop: coop.id, env: clock.env)
      }
      #expect(wins == 32, "joining twice is harmless")
      let detail = try #require(try await store.circleDetail(circle.id, coop: coop.id))
      #expect(detail.workers.map(\.id) == [admin.id])
      let joins = try await store.auditEvents(coop: coop.id).filter { $0.action == .joinCircle }
      #expect(joins.count == 1)
    }
  }

  @Test(arguments: Engine.allCases)
  func eightHandoversOfOneHatLeaveOneWinnerAndAnUnbrokenHistory(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      let (coop, admin) = try await setUpCoop(store, clock)
      let finance = try #require(try await store.hats(coop: coop.id).first { $0.hat.kind == .finance })
      _ = try await store.handOver(
        finance.hat.id, Handover(toAccountID: admin.id.description, termStart: "2026-01-01", termEnd: nil),
        coop: coop.id, by: admin.id, env: clock.env)
      var members: [ID<Account>] = []
      for i in 0..<8 {
        members.append(
          try await store.addMember(
            NewMember(
              name: "Member \(i)", email: "m\(i)@example.org", memberClass: .worker, joinedOn: "2026-01-01",
              sharePence: 100), coop: coop.id, by: admin.id, env: clock.env
          ).accountID)
      }
      let targets = members
      let seen = try #require(try await store.hat(finance.hat.id, coop: coop.id)?.history.first?.0.id.description)
      let wins = await race(8) { i in
        _ = try await store.handOver(
          finance.hat.id,
          Handover(toAccountID: targets[i].description, termStart: "2026-03-01", termEnd: nil, replacing: seen),
          coop: coop.id, by: admin.id, env: clock.env)
      }
      #expect(wins == 1)
      let hat = try #require(try await store.hat(finance.hat.id, coop: coop.id))
      #expect(hat.history.count == 2)
      #expect(hat.history.filter { $0.0.endedOn == nil }.count == 1)
      let ended = try #require(hat.history.first { $0.1.id == admin.id }?.0)
      #expect(ended.handedOverTo == hat.history.first { $0.0.endedOn == nil }?.1.id)
    }
  }

  @Test(arguments: Engine.allCases)
  func aResetLinkUsedTwiceAtOnceWorksOnce(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      let (_, admin) = try await setUpCoop(store, clock)
      try await store.createPasswordReset(
        tokenHash: "hash-1", account: admin.id, expires: clock.env.now().addingTimeInterval(3600))
      try await store.createPasswordReset(
        tokenHash: "hash-2", account: admin.id, expires: clock.env.now().addingTimeInterval(3600))
      let wins = await race(10) { i in
        _ = try await store.resetPassword(tokenHash: "hash-1", newHash: "new-\(i)", env: clock.env)
      }
      #expect(wins == 1)
      #expect(
        try await store.passwordResetIsValid(tokenHash: "hash-2", now: clock.env.now()) == false,
        "a reset ends every other link of the account")
    }
  }

  @Test(arguments: Engine.allCases)
  func tenFirstRunSetupsMakeOneCoop(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      let wins = await race(10) { i in
        _ = try await store.setUpCoop(
          CoopSetup(
            coopName: "Co-op \(i)", registeredNumber: "RS\(i)", address: "1 High St", adminName: "Ada \(i)",
            adminEmail: "ada\(i)@example.org", password: "a long enough password"),
          passwordHash: "x", env: clock.env, firstRun: true)
      }
      #expect(wins == 1)
      let coops = try await store.coops()
      #expect(coops.count == 1)
    }
  }

  /// A hat handed over from a day ahead stays with its holder until then (the circle keeps its lead).
  @Test(arguments: Engine.allCases)
  func aHandoverDatedAheadLeavesTheHatWhereItIsUntilThen(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      let (coop, admin) = try await setUpCoop(store, clock)
      let lead = try #require(try await store.hats(coop: coop.id).first { $0.hat.kind == .finance })
      let bo = try await store.addMember(
        NewMember(name: "Bo", email: "bo@example.org", memberClass: .worker, joinedOn: "2026-01-01", sharePence: 1),
        coop: coop.id, by: admin.id, env: clock.env)
      _ = try await store.handOver(
        lead.hat.id, Handover(toAccountID: admin.id.description, termStart: "2026-01-01", termEnd: nil),
        coop: coop.id, by: admin.id, env: clock.env)
      let today = Day(clock.env.now())
      let ahead = today.adding(days: 90)
      _ = try await store.handOver(
        lead.hat.id, Handover(toAccountID: bo.accountID.description, termStart: ahead.iso, termEnd: nil),
        coop: coop.id, by: admin.id, env: clock.env)
      let hat = try #require(try await store.hat(lead.hat.id, coop: coop.id))
      #expect(hat.current(on: today).map(\.1.id) == [admin.id])
      #expect(hat.current(on: ahead.adding(days: -1)).map(\.1.id) == [admin.id])
      #expect(hat.current(on: ahead).map(\.1.id) == [bo.accountID])
      // What the access policy sees follows the same days.
      clock.advance(91 * 86400)
      let boAccount = try #require(try await store.account(bo.accountID))
      #expect(try await store.actor(for: boAccount, on: Day(clock.env.now())).hats.contains { $0.kind == .finance })
    }
  }

  /// The audit log refuses the two ways round its UPDATE/DELETE guard.
  @Test(arguments: Engine.allCases)
  func theAuditLogCannotBeReplacedOrTruncated(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      let (coop, admin) = try await setUpCoop(store, clock)
      let sql = store.writer as! any SQLDatabase
      let before = try await store.auditEvents(coop: coop.id).count
      #expect(before > 0)
      let id = try #require(try await store.auditEvents(coop: coop.id).first?.id.rawValue)
      switch engine {
      case .sqlite:
        await #expect(throws: (any Error).self) {
          try await sql.raw(
            """
            INSERT OR REPLACE INTO audit_events (id, coop_id, at, actor_id, action, detail)
            VALUES (\(bind: id), \(bind: coop.id.rawValue), \(bind: Date()), \(bind: admin.id.rawValue), 'signIn', 'forged')
            """
          ).run()
        }
      case .postgres:
        await #expect(throws: (any Error).self) { try await sql.raw("TRUNCATE audit_events").run() }
      }
      #expect(try await store.auditEvents(coop: coop.id).count == before)
      #expect(try await store.auditEvents(coop: coop.id).allSatisfy { $0.detail != "forged" })
    }
  }

  /// A refused write names its constraint the same way on both engines, so each can be told apart and
  /// given its own message.
  @Test(arguments: Engine.allCases)
  func constraintsAreKnownByNameOnBothEngines(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      let (coop, admin) = try await setUpCoop(store, clock)
      let hat = try #require(try await store.hats(coop: coop.id).first { $0.hat.kind == .finance }).hat.id
      func openHolding() async throws {
        try await store.write { db in
          try await (db as! any SQLDatabase).raw(
            """
            INSERT INTO hat_holdings (id, hat_id, account_id, term_start)
            VALUES (\(bind: UUID()), \(bind: hat.rawValue), \(bind: admin.id.rawValue), '2026-01-01')
            """
          ).run()
        }
      }
      try await openHolding()
      await #expect(throws: StoreError.constraint("hat_holdings_one_open")) { try await openHolding() }
      await #expect(throws: StoreError.constraint("accounts_email_per_coop")) {
        try await store.write { db in
          try await (db as! any SQLDatabase).raw(
            """
            INSERT INTO accounts (id, coop_id, name, email_address, is_administrator, created_at, prefers_easy_read)
            VALUES (\(bind: UUID()), \(bind: coop.id.rawValue), 'Twin', 'admin@example.org', false, \(bind: Date()), false)
            """
          ).run()
        }
      }
    }
  }

  /// A stored value this version does not know (a member class written by a newer version, or by hand) is
  /// an error, never a default: it must not quietly become a class that votes.
  @Test(arguments: Engine.allCases)
  func anUnknownStoredValueIsAnErrorNotADefault(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      let (coop, admin) = try await setUpCoop(store, clock)
      let member = try await store.addMember(
        NewMember(name: "Bo", email: "bo@example.org", memberClass: .supporter, joinedOn: "2026-01-01", sharePence: 1),
        coop: coop.id, by: admin.id, env: clock.env)
      let sql = store.writer as! any SQLDatabase
      try await sql.raw("UPDATE members SET member_class = 'chair' WHERE id = \(bind: member.id.rawValue)").run()
      await #expect(throws: StoreError.self) { _ = try await store.memberRegister(coop: coop.id) }
      let bo = try #require(try await store.account(member.accountID))
      await #expect(throws: StoreError.self) { _ = try await store.actor(for: bo, on: Day(clock.env.now())) }
    }
  }

  @Test(arguments: Engine.allCases)
  func namesWithControlCharactersAreRefused(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      let (coop, admin, circle, _) = try await world(store, clock)
      for bad in ["Nul\u{0}Name", "Right\u{202E}Left", "Bell\u{7}"] {
        await #expect(throws: CareError.self) {
          _ = try await store.createPerson(
            NewPerson(name: bad, email: nil, circleID: circle.id.description, communicationNeeds: nil),
            coop: coop.id, by: admin.id, env: clock.env)
        }
        await #expect(throws: CareError.self) {
          _ = try await store.createCircle(NewCircle(name: bad, area: "x"), coop: coop.id, by: admin.id, env: clock.env)
        }
      }
      let needs = try await store.createPerson(
        NewPerson(name: "Two Lines", email: nil, circleID: circle.id.description, communicationNeeds: "Easy Read\nBSL"),
        coop: coop.id, by: admin.id, env: clock.env)
      #expect(needs.communicationNeeds == "Easy Read\nBSL", "a text area keeps its line breaks")
    }
  }
}
