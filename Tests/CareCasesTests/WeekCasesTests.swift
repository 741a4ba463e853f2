import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing

@testable import CareStore

/// The rota keeper's draft of a week, from the database through the engine, on both engines.
@Suite("Use cases: the week's draft")
struct WeekCasesTests {
  static let monday = Day(year: 2026, month: 12, day: 7)!
  static let here = GeoPoint(latitude: 53.742, longitude: -2.014)!

  @Test(arguments: Engine.allCases)
  func theRotaKeeperDraftsTheWeekFromWhatTheCoopKnows(engine: Engine) async throws {
    try await withCases(engine) { w in
      let (coop, adminAccount) = try await setUpCoop(w.store, w.clock)
      let admin = try await w.cases.requester(for: adminAccount)
      let circle = try await w.cases.createCircle(NewCircle(name: "North", area: "Northtown"), by: admin)
      let pat = try await w.cases.addPerson(
        NewPerson(name: "Pat", email: "pat@example.org", circleID: circle.id.description, communicationNeeds: nil),
        by: admin)
      _ = try await w.cases.addPerson(
        NewPerson(name: "Jo", email: "jo@example.org", circleID: circle.id.description, communicationNeeds: nil),
        by: admin)
      // Sam works in the circle and holds a worker's place in Pat's team.
      let sam = try await w.store.invite(
        Invitation(name: "Sam", email: "sam@example.org", relationship: .worker, isArranger: false), to: pat,
        by: pat.personAccount.id, onBehalfOf: nil, env: w.clock.env)
      let joined = try #require(try await w.store.team(pat.person.id, coop: coop.id))
      try await w.store.respond(to: joined, accept: true, by: sam.invitee.id, env: w.clock.env)
      try await w.store.joinCircle(circle.id, account: sam.invitee.id, coop: coop.id, env: w.clock.env)
      try await w.store.setHome(
        Home(address: "1 Mill Lane", postcode: "HX7 8AA", position: Self.here), person: pat.person.id, coop: coop.id,
        by: adminAccount.id, onBehalfOf: nil, env: w.clock.env)
      let proposal = try await w.store.proposePattern(
        SupportPattern(
          visits: [VisitPattern(days: [.monday, .thursday], start: 8 * 60, length: 45, tasks: [.personalCare])],
          chosen: [sam.invitee.id]), from: Self.monday, person: pat.person.id, coop: coop.id,
        by: sam.invitee.id, onBehalfOf: nil, env: w.clock.env)
      _ = try await w.store.answerPattern(
        proposal.id, agree: true, person: pat.person.id, coop: coop.id, by: pat.personAccount.id, onBehalfOf: nil,
        env: w.clock.env)
      try await w.store.changeConsentZone(
        ConsentZone(
          availability: Weekday.allCases.map { AvailableTime(day: $0, from: 7 * 60, until: 15 * 60) },
          mostMinutesAWeek: 20 * 60, travelMode: .cycle, base: GeoPoint(latitude: 53.745, longitude: -2.01)!,
          longestJourney: 30, tasks: [.personalCare, .meals]),
        account: sam.invitee.id, coop: coop.id, env: w.clock.env)
      try await w.store.setTraining(
        [.personalCare], account: sam.invitee.id, coop: coop.id, by: adminAccount.id, env: w.clock.env)

      let draft = try await w.cases.draftWeek(circle: circle.id, monday: Self.monday, by: admin)
      #expect(draft.planned.visits.map(\.worker) == [sam.invitee.id, sam.invitee.id])
      #expect(draft.planned.visits.map(\.day) == [Self.monday, Self.monday.adding(days: 3)])
      #expect(draft.planned.visits.allSatisfy { $0.start == 8 * 60 })
      #expect(draft.planned.unfilled.isEmpty)
      #expect(draft.notReady == ["Jo has no home address and position yet"])
      #expect(draft.names[sam.invitee.id.rawValue] == "Sam")

      // Sam's newest zone of consent counts: no Thursdays now, so Thursday's visit has nobody, and says why.
      try await w.store.changeConsentZone(
        ConsentZone(
          availability: Weekday.allCases.filter { $0 != .thursday }.map {
            AvailableTime(day: $0, from: 7 * 60, until: 15 * 60)
          }, mostMinutesAWeek: 20 * 60, travelMode: .cycle, base: GeoPoint(latitude: 53.745, longitude: -2.01)!,
          longestJourney: 30, tasks: [.personalCare, .meals]),
        account: sam.invitee.id, coop: coop.id, env: w.clock.env)
      let changed = try await w.cases.draftWeek(circle: circle.id, monday: Self.monday, by: admin)
      #expect(changed.planned.visits.map(\.day) == [Self.monday])
      #expect(changed.planned.unfilled.map(\.reasons) == [["1 worker is not available on Thursday"]])

      // A week starts on a Monday; a worker without the rota keeper's hat may not plan; another co-op
      // cannot tell the circle exists.
      await #expect(throws: CareError.invalid([FieldError("week", "A week starts on a Monday")])) {
        try await w.cases.draftWeek(circle: circle.id, monday: Self.monday.adding(days: 1), by: admin)
      }
      let samAsker = try await w.cases.requester(for: sam.invitee)
      await #expect(throws: CareError.forbidden) {
        try await w.cases.draftWeek(circle: circle.id, monday: Self.monday, by: samAsker)
      }
      let (_, otherAdmin) = try await setUpCoop(w.store, w.clock, name: "Other", email: "o@example.org")
      let stranger = try await w.cases.requester(for: otherAdmin)
      await #expect(throws: CareError.notFound) {
        try await w.cases.draftWeek(circle: circle.id, monday: Self.monday, by: stranger)
      }
    }
  }

  /// The demo co-op's week, planned by each circle's rota keeper: everyone ready, every visit filled, and
  /// at least 95 % of people (the bar) see only the workers they chose plus their named backup.
  @Test(arguments: Engine.allCases)
  func theDemoWeekKeepsPeopleToTheirChosenWorkers(engine: Engine) async throws {
    try await withCases(engine) { w in
      let (demo, _) = try #require(try await w.cases.seedDemo())
      let keeper = try await w.cases.requester(for: demo.rotaKeeper)
      let admin = try await w.cases.requester(for: demo.admin)
      let monday = CoopCalendar.london.weekStart(of: CoopCalendar.london.day(of: w.clock.env.now()))
      let circles = try await w.cases.circles(by: admin).circles
      #expect(circles.count == 2)
      for circle in circles {
        let draft = try await w.cases.draftWeek(circle: circle.id, monday: monday, by: admin)
        #expect(draft.notReady.isEmpty, "\(draft.notReady)")
        #expect(draft.planned.unfilled.isEmpty, "\(draft.planned.unfilled)")
        #expect(draft.planned.figures.count == 6)
        #expect(draft.planned.shareWithinChoice >= 0.95, "\(circle.name): \(draft.planned.shareWithinChoice)")
        #expect(draft.planned.figures.allSatisfy { $0.workers.count <= 4 })
      }
      // The Hebden Bridge rota keeper plans their own circle, not Todmorden.
      let hebden = try #require(circles.first { $0.name == "Hebden Bridge" })
      let todmorden = try #require(circles.first { $0.name == "Todmorden" })
      _ = try await w.cases.draftWeek(circle: hebden.id, monday: monday, by: keeper)
      await #expect(throws: CareError.forbidden) {
        try await w.cases.draftWeek(circle: todmorden.id, monday: monday, by: keeper)
      }
    }
  }
}
