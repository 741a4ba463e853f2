import Foundation

/// One week of the co-op's continuity — the promise that the person chooses who comes and sees few faces
/// (one family went from 40 different carers a week to 3 and a backup): for the people with visits that week,
/// how many different workers each saw, and how many of the visits' workers were in the person's own team.
public struct ContinuityWeek: Sendable, Hashable {
  public let monday: Day
  /// People with at least one published visit that week.
  public let people: Int
  /// Visits that week (a two-worker visit once).
  public let visits: Int
  /// The different workers each person saw, fewest first (one number a person; no names).
  public let workersPerPerson: [Int]
  /// Workers sent (a two-worker visit: two), and of them, how many were in the person's team.
  public let workersSent: Int
  public let fromTheirTeam: Int

  /// The middle of `workersPerPerson` (the mean of the two middles when even); nil for a week with no visits.
  public var medianWorkers: Double? {
    guard !workersPerPerson.isEmpty else { return nil }
    let n = workersPerPerson.count
    return n % 2 == 1
      ? Double(workersPerPerson[n / 2]) : Double(workersPerPerson[n / 2 - 1] + workersPerPerson[n / 2]) / 2
  }

  public var mostWorkers: Int? { workersPerPerson.last }

  /// People who saw at most `limit` different workers.
  public func people(seeingAtMost limit: Int) -> Int { workersPerPerson.filter { $0 <= limit }.count }

  /// The share of workers sent who were in the person's team, as a whole percent (nil: none sent).
  public var fromTheirTeamPercent: Int? {
    workersSent == 0 ? nil : (fromTheirTeam * 100 + workersSent / 2) / workersSent
  }
}

/// A visit as continuity counts it: whose, which day, who went.
public struct ContinuityVisit: Sendable, Hashable {
  public let person: ID<Person>
  public let day: Day
  public let workers: [ID<Account>]

  public init(person: ID<Person>, day: Day, workers: [ID<Account>]) {
    (self.person, self.day, self.workers) = (person, day, workers)
  }

  /// The published visits as continuity counts them: a two-worker visit is kept as two rows (slot 0 and 1),
  /// each naming the other; it is counted once, with both workers.
  public static func from(_ visits: [RotaVisit]) -> [ContinuityVisit] {
    visits.filter { $0.slot == 0 }.map {
      ContinuityVisit(person: $0.personID, day: $0.day, workers: [$0.workerID] + [$0.partnerID].compactMap { $0 })
    }
  }
}

public enum Continuity {
  /// The weeks beginning on `mondays`, in that order. `teams`: each person's team workers (worker and backup
  /// worker) — whom the person chose. A visit counts in the week its day falls in; other days are ignored.
  public static func weeks(
    _ visits: [ContinuityVisit], teams: [ID<Person>: Set<ID<Account>>], mondays: [Day]
  ) -> [ContinuityWeek] {
    mondays.map { monday in
      let sunday = monday.adding(days: 6)
      let mine = visits.filter { $0.day >= monday && $0.day <= sunday }
      let byPerson = Dictionary(grouping: mine, by: \.person)
      let sent = mine.flatMap { visit in visit.workers.map { (person: visit.person, worker: $0) } }
      return ContinuityWeek(
        monday: monday, people: byPerson.count, visits: mine.count,
        workersPerPerson: byPerson.values.map { Set($0.flatMap(\.workers)).count }.sorted(),
        workersSent: sent.count,
        fromTheirTeam: sent.filter { teams[$0.person]?.contains($0.worker) == true }.count)
    }
  }
}

/// Where the people's plan reviews stand today: overdue, due within the reminder's two weeks, later, or with
/// no date set.
public struct ReviewsStanding: Sendable, Hashable {
  public let overdue: Int
  public let dueSoon: Int
  public let later: Int
  public let notSet: Int

  public init(dueDays: [Day?], today: Day) {
    let soon = today.adding(days: PlanReview.reminderDays)
    overdue = dueDays.filter { $0.map { $0 < today } ?? false }.count
    dueSoon = dueDays.filter { $0.map { $0 >= today && $0 <= soon } ?? false }.count
    later = dueDays.filter { $0.map { $0 > soon } ?? false }.count
    notSet = dueDays.filter { $0 == nil }.count
  }

  public var people: Int { overdue + dueSoon + later + notSet }
}
