import CareCore
import Foundation
import PropertyBased
import Testing

/// Continuity, week by week: the different workers each person saw (a two-worker visit once, both workers
/// counted), the middle and the most, the share of workers sent from the person's own team; visits outside
/// the weeks asked for are left out. And where the plan reviews stand on a day.
@Suite("Continuity and reviews in figures")
struct ContinuityTests {
  static let monday = Day(iso: "2026-06-01")!
  static let (ann, bob) = (ID<Person>(UUID()), ID<Person>(UUID()))
  static let workers = (0..<6).map { _ in ID<Account>(UUID()) }

  @Test func aWeekIsCountedPersonByPerson() {
    let w = Self.workers
    let visits = [
      // Ann: w0 three times (once with w1): 2 different workers.
      ContinuityVisit(person: Self.ann, day: Self.monday, workers: [w[0]]),
      ContinuityVisit(person: Self.ann, day: Self.monday.adding(days: 2), workers: [w[0], w[1]]),
      ContinuityVisit(person: Self.ann, day: Self.monday.adding(days: 6), workers: [w[0]]),
      // Bob: four different workers.
      ContinuityVisit(person: Self.bob, day: Self.monday.adding(days: 1), workers: [w[2]]),
      ContinuityVisit(person: Self.bob, day: Self.monday.adding(days: 3), workers: [w[3]]),
      ContinuityVisit(person: Self.bob, day: Self.monday.adding(days: 4), workers: [w[4], w[5]]),
      // The Monday after and the Sunday before: other weeks.
      ContinuityVisit(person: Self.bob, day: Self.monday.adding(days: 7), workers: [w[0]]),
      ContinuityVisit(person: Self.bob, day: Self.monday.adding(days: -1), workers: [w[0]]),
    ]
    let teams = [Self.ann: Set([w[0]]), Self.bob: Set([w[2], w[3]])]
    let weeks = Continuity.weeks(visits, teams: teams, mondays: [Self.monday, Self.monday.adding(days: 14)])
    #expect(weeks.map(\.monday) == [Self.monday, Self.monday.adding(days: 14)])
    let week = weeks[0]
    #expect(week.people == 2 && week.visits == 6 && week.workersPerPerson == [2, 4])
    #expect(week.medianWorkers == 3 && week.mostWorkers == 4 && week.people(seeingAtMost: 3) == 1)
    // Sent: Ann 4 (3 from her team), Bob 4 (2 from his): 5 of 8.
    #expect(week.workersSent == 8 && week.fromTheirTeam == 5 && week.fromTheirTeamPercent == 63)
    // An empty week: nothing to show.
    #expect(weeks[1].people == 0 && weeks[1].medianWorkers == nil && weeks[1].mostWorkers == nil)
    #expect(weeks[1].fromTheirTeamPercent == nil)
  }

  @Test(arguments: [([1, 2, 9], 2.0), ([3], 3.0), ([1, 2, 3, 4], 2.5), ([2, 2], 2.0)])
  func theMiddleIsTheMedian(counts: [Int], median: Double) {
    // One person for each count, each seeing that many different workers (a new one each visit).
    let visits = counts.flatMap { count in
      let person = ID<Person>(UUID())
      return (0..<count).map { _ in ContinuityVisit(person: person, day: Self.monday, workers: [ID<Account>(UUID())]) }
    }
    #expect(Continuity.weeks(visits, teams: [:], mondays: [Self.monday])[0].medianWorkers == median)
  }

  /// Property: however the visits fall, every person with a visit is counted once, nobody sees more workers
  /// than were sent to them, the middle lies between the fewest and the most, and the team's share is a share.
  @Test func theFiguresHoldTogether() async {
    await propertyCheck(
      count: 200, input: Gen.int(in: 0...13).array(of: 0...30), Gen.int(in: 0...63).array(of: 30...30)
    ) { days, picks in
      let people = [Self.ann, Self.bob]
      let visits = zip(days, picks).map { day, pick in
        ContinuityVisit(
          person: people[pick & 1], day: Self.monday.adding(days: day),
          workers: pick & 32 == 0 ? [Self.workers[(pick >> 1) % 6]] : [Self.workers[(pick >> 1) % 6], Self.workers[5]])
      }
      let weeks = Continuity.weeks(
        visits, teams: [Self.ann: [Self.workers[0]]], mondays: [Self.monday, Self.monday.adding(days: 7)])
      #expect(weeks.map(\.visits).reduce(0, +) == visits.count)
      #expect(weeks.map(\.workersSent).reduce(0, +) == visits.map(\.workers.count).reduce(0, +))
      for week in weeks {
        #expect(week.workersPerPerson.count == week.people && week.fromTheirTeam <= week.workersSent)
        #expect(week.workersPerPerson.allSatisfy { $0 >= 1 && $0 <= 6 })
        if let median = week.medianWorkers, let most = week.mostWorkers, let fewest = week.workersPerPerson.first {
          #expect(Double(fewest) <= median && median <= Double(most))
        }
        #expect((0...100).contains(week.fromTheirTeamPercent ?? 0))
      }
    }
  }

  @Test func reviewsStandWhereTheirDatesPutThem() {
    let today = Day(iso: "2026-06-10")!
    let standing = ReviewsStanding(
      dueDays: [
        today.adding(days: -1), today, today.adding(days: 14), today.adding(days: 15), nil, nil,
        Day(iso: "2025-01-01")!,
      ], today: today)
    #expect(standing.overdue == 2 && standing.dueSoon == 2 && standing.later == 1 && standing.notSet == 2)
    #expect(standing.people == 7)
  }
}
