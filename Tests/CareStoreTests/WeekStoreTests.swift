import CareTestSupport
import Foundation
import SQLKit
import Testing

@testable import CareCore
@testable import CareStore

@Suite("Store: the week of care's facts")
struct WeekStoreTests {
  /// A co-op with one circle, one person and one worker.
  func world(_ store: Store, _ clock: TestClock) async throws -> (Coop, Account, Person, Account) {
    let (coop, admin) = try await setUpCoop(store, clock)
    let circle = try await store.createCircle(
      NewCircle(name: "North", area: "Northtown"), coop: coop.id, by: admin.id, env: clock.env)
    let person = try await store.createPerson(
      NewPerson(name: "Pat", email: "pat@example.org", circleID: circle.id.description, communicationNeeds: nil),
      coop: coop.id, by: admin.id, env: clock.env)
    let worker = try await store.addMember(
      NewMember(name: "Sam", email: "sam@example.org", memberClass: .worker, joinedOn: "2026-01-01", sharePence: 100),
      coop: coop.id, by: admin.id, env: clock.env)
    return (coop, admin, person, try #require(try await store.account(worker.accountID)))
  }

  static let here = GeoPoint(latitude: 53.742, longitude: -2.014)!
  static let morning = VisitPattern(days: [.monday, .thursday], start: 8 * 60, length: 45, tasks: [.personalCare])

  @Test(arguments: Engine.allCases)
  func aHomeIsKeptWithItsAuditLine(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      let (coop, admin, person, _) = try await world(store, clock)
      #expect(try await store.home(person: person.id) == nil)
      let home = Home(address: "1 Mill Lane\nHebden Bridge", postcode: "hx7 8aa", position: Self.here, hasPets: true)
      try await store.setHome(home, person: person.id, coop: coop.id, by: admin.id, onBehalfOf: nil, env: clock.env)
      var moved = home
      moved.address = "2 Mill Lane"
      try await store.setHome(moved, person: person.id, coop: coop.id, by: admin.id, onBehalfOf: nil, env: clock.env)
      let kept = try #require(try await store.home(person: person.id))
      #expect(kept.address == "2 Mill Lane")
      #expect(kept.postcode == "HX7 8AA")
      #expect(kept.position == Self.here)
      #expect(kept.hasPets)
      let lines = try await store.auditEvents(coop: coop.id, person: person.id).filter { $0.action == .changeHome }
      #expect(lines.count == 2)
      // A blank postcode is refused and nothing changes; another co-op's person is not found.
      var blank = moved
      blank.postcode = " "
      await #expect(throws: CareError.invalid([FieldError("postcode", "Enter the postcode")])) {
        try await store.setHome(blank, person: person.id, coop: coop.id, by: admin.id, onBehalfOf: nil, env: clock.env)
      }
      let (other, otherAdmin) = try await setUpCoop(store, clock, name: "Other", email: "o@example.org")
      await #expect(throws: CareError.notFound) {
        try await store.setHome(
          home, person: person.id, coop: other.id, by: otherAdmin.id, onBehalfOf: nil, env: clock.env)
      }
      #expect(try await store.home(person: person.id)?.address == "2 Mill Lane")
    }
  }

  /// A proposal counts only once agreed, from its date; every version is kept with who proposed and who
  /// answered; a proposal is answered once.
  @Test(arguments: Engine.allCases)
  func patternVersionsAreProposedAnsweredAndAllKept(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      let (coop, admin, person, worker) = try await world(store, clock)
      let first = SupportPattern(visits: [Self.morning], flexibility: 30, chosen: [worker.id])
      let monday = Day(year: 2026, month: 12, day: 7)!
      let v1 = try await store.proposePattern(
        first, from: monday, person: person.id, coop: coop.id, by: worker.id, onBehalfOf: nil, env: clock.env)
      #expect(v1.version == 1)
      #expect(v1.status == .proposed)
      #expect(try await store.patternVersions(person: person.id).inEffect(on: monday) == nil, "not agreed yet")
      let agreed = try await store.answerPattern(
        v1.id, agree: true, person: person.id, coop: coop.id, by: person.accountID, onBehalfOf: nil, env: clock.env)
      #expect(agreed.status == .agreed)
      #expect(agreed.answeredBy == person.accountID)
      await #expect(throws: CareError.conflict(FieldError("version", "This change has already been answered"))) {
        try await store.answerPattern(
          v1.id, agree: false, person: person.id, coop: coop.id, by: admin.id, onBehalfOf: nil, env: clock.env)
      }
      var second = first
      second.flexibility = 60
      let v2 = try await store.proposePattern(
        second, from: monday.adding(days: 7), person: person.id, coop: coop.id, by: admin.id, onBehalfOf: nil,
        env: clock.env)
      _ = try await store.answerPattern(
        v2.id, agree: true, person: person.id, coop: coop.id, by: person.accountID, onBehalfOf: nil, env: clock.env)
      let v3 = try await store.proposePattern(
        first, from: monday, person: person.id, coop: coop.id, by: worker.id, onBehalfOf: nil, env: clock.env)
      _ = try await store.answerPattern(
        v3.id, agree: false, person: person.id, coop: coop.id, by: person.accountID, onBehalfOf: nil, env: clock.env)
      let versions = try await store.patternVersions(person: person.id)
      #expect(versions.map(\.version) == [1, 2, 3])
      #expect(versions.map(\.status) == [.agreed, .agreed, .declined])
      #expect(versions.inEffect(on: monday)?.pattern.flexibility == 30)
      #expect(versions.inEffect(on: monday.adding(days: 9))?.pattern.flexibility == 60)
      #expect(versions[0].pattern == first, "the pattern reads back as it was proposed")
      let actions = try await store.auditEvents(coop: coop.id, person: person.id).map(\.action)
      #expect(actions.filter { $0 == .proposePattern }.count == 3)
      #expect(actions.contains(.agreePattern) && actions.contains(.declinePattern))
      // A bad pattern is refused with its reasons, nothing written.
      await #expect(throws: CareError.self) {
        try await store.proposePattern(
          SupportPattern(visits: []), from: monday, person: person.id, coop: coop.id, by: admin.id, onBehalfOf: nil,
          env: clock.env)
      }
      #expect(try await store.patternVersions(person: person.id).count == 3)
    }
  }

  /// Proposals made at the same moment never share a number: each gets its own, or is told to look again.
  @Test(arguments: Engine.allCases)
  func proposalsAtTheSameMomentGetTheirOwnNumbers(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      let (coop, admin, person, _) = try await world(store, clock)
      let monday = Day(year: 2026, month: 12, day: 7)!
      let outcomes = try await withThrowingTaskGroup(of: Int?.self) { group in
        for _ in 0..<16 {
          group.addTask {
            do {
              return try await store.proposePattern(
                SupportPattern(visits: [Self.morning]), from: monday, person: person.id, coop: coop.id, by: admin.id,
                onBehalfOf: nil, env: clock.env
              ).version
            } catch CareError.conflict {
              return nil
            }
          }
        }
        return try await group.reduce(into: [Int?]()) { $0.append($1) }
      }
      let numbers = outcomes.compactMap { $0 }.sorted()
      #expect(!numbers.isEmpty)
      #expect(numbers == Array(1...numbers.count), "distinct and without gaps")
      #expect(try await store.patternVersions(person: person.id).count == numbers.count)
    }
  }

  @Test(arguments: Engine.allCases)
  func aZoneOfConsentKeepsEveryVersionAndTrainingIsKept(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      let (coop, admin, _, worker) = try await world(store, clock)
      #expect(try await store.consentZone(account: worker.id) == nil)
      var zone = ConsentZone(
        availability: [AvailableTime(day: .monday, from: 7 * 60, until: 13 * 60)], mostMinutesAWeek: 20 * 60,
        travelMode: .cycle, base: Self.here, longestJourney: 20, tasks: [.personalCare, .meals])
      #expect(try await store.changeConsentZone(zone, account: worker.id, coop: coop.id, env: clock.env) == 1)
      zone.coversInCircle = true
      #expect(try await store.changeConsentZone(zone, account: worker.id, coop: coop.id, env: clock.env) == 2)
      #expect(try await store.consentZone(account: worker.id) == zone)
      // The history cannot be rewritten.
      let sql = store.writer as! any SQLDatabase
      await #expect(throws: (any Error).self) {
        try await sql.raw("UPDATE consent_zones SET zone = '{}' WHERE version = 1").run()
      }
      // Availability that ends before it starts is refused, nothing written.
      zone.availability = [AvailableTime(day: .monday, from: 13 * 60, until: 9 * 60)]
      await #expect(throws: CareError.self) {
        try await store.changeConsentZone(zone, account: worker.id, coop: coop.id, env: clock.env)
      }
      #expect(try await store.consentZone(account: worker.id)?.coversInCircle == true)

      #expect(try await store.training(account: worker.id).isEmpty)
      try await store.setTraining(
        [.medication, .personalCare], account: worker.id, coop: coop.id, by: admin.id, env: clock.env)
      try await store.setTraining([.medication], account: worker.id, coop: coop.id, by: admin.id, env: clock.env)
      #expect(try await store.training(account: worker.id) == [.medication])
    }
  }

  /// A pattern row this version cannot read is an error naming the column, not a crash.
  @Test(arguments: Engine.allCases)
  func anUnreadablePatternIsAnError(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      let (coop, admin, person, _) = try await world(store, clock)
      let v = try await store.proposePattern(
        SupportPattern(visits: [Self.morning]), from: Day(year: 2026, month: 12, day: 7)!, person: person.id,
        coop: coop.id, by: admin.id, onBehalfOf: nil, env: clock.env)
      let sql = store.writer as! any SQLDatabase
      try await sql.raw("UPDATE support_patterns SET pattern = '{\"visits\": 3}' WHERE id = \(bind: v.id.rawValue)")
        .run()
      await #expect(throws: StoreError.self) { _ = try await store.patternVersions(person: person.id) }
    }
  }
}
