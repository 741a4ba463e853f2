import CareCore
import CareLedger
import CareTestSupport
import Foundation
import Testing

@testable import CareCases
@testable import CareStore

/// The README's worked example, every figure checked, on both engines: a person funded for ten hours a week
/// banks two, compresses two one-hour visits into one of two hours, has the week's visits confirmed and the
/// funder invoiced; the next week, what was left lapses and the bank stays.
@Suite("Worked example: ten hours a week")
struct WorkedExampleTests {
  @Test(arguments: Engine.allCases)
  func tenHoursAWeekBankedCompressedAndInvoiced(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let finance = try await InvoiceCasesTests.finance(w, demo)
      let person = try await w.cases.requester(for: demo.personAccount)
      let arranger = try await w.cases.requester(for: demo.arranger)
      let worker = try await w.cases.requester(for: demo.teamWorker)
      let today = w.cases.today  // Thursday 28 May 2026
      let monday = CoopCalendar.london.weekStart(of: today)
      #expect(monday.iso == "2026-05-25")
      // Leeds City Council pays ten hours a week at £24.50 an hour; up to three may be banked for four weeks;
      // visits of one to three hours when they are fewer and longer.
      try await w.cases.recordFunding(
        FundingTerms(
          funder: .localAuthority, funderName: "Leeds City Council", minutesPerPeriod: 600, period: .week,
          starts: monday, ratePence: 2_450, bankLimitMinutes: 180, bankWeeks: 4, compressMinMinutes: 60,
          compressMaxMinutes: 180, noticeDays: 0),
        person: demo.person.id, by: finance)
      func hours() async throws -> AgreementHours {
        try await w.cases.hours(demo.person.id, by: person).agreements[0]
      }
      var h = try await hours()
      #expect((h.givenThisPeriod, h.available, h.banked) == (600, 600, 0))
      // The person banks two hours: eight are left to use this week; the two expire on 25 June.
      let agreement = h.agreement.id
      try await w.cases.bankHours(120, agreement: agreement, person: demo.person.id, by: person)
      h = try await hours()
      #expect((h.available, h.banked) == (480, 120))
      #expect(h.expiring.map(\.day.iso) == ["2026-06-25"] && h.expiring.map(\.minutes) == [120])
      // Their pattern: an hour on Tuesday and on Thursday. Compressed to one visit of two hours on Tuesday
      // (allowed: within one to three hours); four hours would not be.
      let team = try #require(try await w.store.team(demo.person.id, coop: demo.coop.id))
      func visit(_ days: Set<Weekday>, _ length: Int) -> VisitPattern {
        VisitPattern(days: days, start: 10 * 60, length: length, tasks: [.meals])
      }
      // (The arranger proposes; the person agrees, and each counts from today.)
      func agreed(_ pattern: SupportPattern) async throws {
        let proposed = try await w.cases.proposePattern(pattern, from: today, person: demo.person.id, by: arranger)
        try await w.cases.answerPattern(proposed.id, agree: true, person: demo.person.id, by: person)
      }
      try await agreed(SupportPattern(visits: [visit([.tuesday, .thursday], 60)]))
      await #expect(throws: CareError.self) {
        try await w.cases.proposePattern(
          SupportPattern(visits: [visit([.tuesday], 240)]), from: today, person: demo.person.id, by: arranger)
      }
      try await agreed(SupportPattern(visits: [visit([.tuesday], 120)]))
      let pattern = try await w.cases.pattern(demo.person.id, by: arranger)
      #expect(pattern.inEffect?.pattern.visits == [visit([.tuesday], 120)])
      #expect(
        pattern.hours?.words
          == "These visits use 2 hours a week of the 10 hours paid for: 8 hours a week left to bank or use.")
      // The week as published: the two-hour visit on Tuesday, and an hour and a half on Wednesday.
      let admin = try await w.store.actor(for: demo.admin, on: today)
      let plan = try AccessPolicy.permit(admin, .planWeek(coop: demo.coop.id, circle: team.circle.id))
      let visits = [(monday.adding(days: 1), 10 * 60, 120), (monday.adding(days: 2), 14 * 60, 90)].enumerated().map {
        i, v in
        NewRotaVisit(
          personID: demo.person.id, pattern: i, slot: 0, day: v.0, start: v.1, length: v.2, usualStart: v.1,
          window: 0, tasks: [.meals], workerID: demo.teamWorker.id, partnerID: nil)
      }
      let kept = try await w.store.publishWeek(monday: monday, visits: visits, permit: plan, env: w.clock.env)
      // Both visits' times confirmed by the worker and the person: 3 hours 30 minutes used, 4 hours 30 left.
      for visit in kept {
        try await w.cases.confirmTimes(
          visit.id, start: CoopCalendar.clockText(visit.start), end: CoopCalendar.clockText(visit.end), by: worker)
        try await w.cases.answerTimes(visit.id, agree: true, reason: "", by: person)
      }
      h = try await hours()
      #expect((h.usedThisPeriod, h.available, h.banked) == (210, 270, 120))
      // The invoice: INV-00001 to Leeds City Council, 2 hours at £24.50 (£49.00) and 1 hour 30 minutes
      // (£36.75): £85.75, no VAT.
      let run = try await w.cases.issueInvoices(from: monday, through: today, by: finance).run
      let invoice = try #require(run.invoices.first)
      #expect(run.invoices.count == 1 && invoice.reference == "INV-00001" && invoice.funderName == "Leeds City Council")
      #expect(invoice.lines.map(\.minutes) == [120, 90] && invoice.lines.map(\.pence) == [4_900, 3_675])
      #expect(invoice.pence == 8_575 && Pence(invoice.pence).formatted == "£85.75")
      #expect(run.leftOut.filter { $0.personID == demo.person.id }.isEmpty)
      // The next Monday: the 4 hours 30 minutes left lapse, ten new hours come, the two banked stay.
      w.clock.advance(4 * 86_400)
      h = try await hours()
      #expect((h.givenThisPeriod, h.available, h.banked, h.expired) == (600, 600, 120, 270))
    }
  }
}
