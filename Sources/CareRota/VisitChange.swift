import CareCore
import Foundation

/// The rota keeper's hand change to one visit (another worker, another time), checked against every hard
/// rule of the week before it is kept: the reasons it may not stand, in plain words. The same rules the
/// engine plans by, with travel timed as the plan times it (at the slowest way of travelling among the
/// circle's workers, so the plan holds for everyone).
extension WeekPlanner {
  /// `asCover`: the visit is offered as cover, so a worker happy to cover in the circle may take it though
  /// they are not in the person's team.
  public func whyNot(
    move visit: VisitOnPlan, to workerID: ID<Account>, at start: Int, in week: WeekToPlan, plan: [VisitOnPlan],
    asCover: Bool = false
  ) -> [String] {
    guard let person = week.people.first(where: { $0.id == visit.person }),
      person.pattern.visits.indices.contains(visit.pattern)
    else { return ["This visit is no longer in the person's agreed visits: plan the week again"] }
    guard let worker = week.workers.first(where: { $0.id == workerID }) else {
      return ["They have not said when they can work and what they agree to, so they cannot be given visits"]
    }
    guard let weekday = (0..<7).first(where: { week.monday.adding(days: $0) == visit.day }).flatMap(Weekday.init)
    else { return ["This visit is not in this week"] }
    let pattern = person.pattern.visits[visit.pattern]
    let zone = worker.zone
    let (p, w) = (person.name, worker.name)
    let end = start + pattern.length
    var reasons: [String] = []

    // Whom they may visit, and what they will do.
    if !person.team.contains(workerID) && !(asCover && zone.coversInCircle) {
      reasons.append("\(w) is not in \(p)'s team")
    }
    if person.pattern.declined.contains(workerID) { reasons.append("\(p) has said no to \(w) coming") }
    let untrained = pattern.tasks.subtracting(worker.skills)
    if !untrained.isEmpty { reasons.append("\(w) is not trained for \(Self.list(untrained))") }
    let unagreed = pattern.tasks.subtracting(zone.tasks)
    if !unagreed.isEmpty { reasons.append("\(w) has not agreed to do \(Self.list(unagreed))") }
    if person.home.hasPets && !zone.petsAreFine { reasons.append("\(w) has not agreed to work in homes with pets") }
    if person.home.someoneSmokes && !zone.smokingIsFine {
      reasons.append("\(w) has not agreed to work in homes where someone smokes")
    }
    if plan.contains(where: {
      $0.person == visit.person && $0.pattern == visit.pattern && $0.day == visit.day && $0.slot != visit.slot
        && $0.worker == workerID
    }) {
      reasons.append("\(w) is already the other worker on this visit")
    }

    // When: the person's window, the worker's day.
    let choice = Set(person.pattern.chosen + [person.pattern.backup].compactMap { $0 })
    let latest = pattern.start + pattern.window + (choice.contains(workerID) ? person.pattern.flexibility : 0)
    if start < pattern.start || start > latest {
      reasons.append(
        "\(p) wants this visit to start between \(CoopCalendar.clockText(pattern.start)) and "
          + "\(CoopCalendar.clockText(latest))\(choice.contains(workerID) ? "" : " with a worker they did not choose")")
    }
    if end > 24 * 60 { reasons.append("The visit would run past midnight") }
    guard let hours = zone.available(on: weekday) else {
      return reasons + ["\(w) is not available on \(weekday.name)s"]
    }
    if start < hours.from || end > hours.until {
      reasons.append(
        "\(w) is available on \(weekday.name)s from \(CoopCalendar.clockText(hours.from)) to "
          + "\(CoopCalendar.clockText(hours.until)) only")
    }

    // Their other visits that day: no overlap, time to travel between, journeys they agreed to.
    let mode = TravelMode.slowest(week.workers.map(\.zone.travelMode)) ?? .walk
    let homes = Dictionary(uniqueKeysWithValues: week.people.map { ($0.id, $0) })
    let lengthOf = { (v: VisitOnPlan) in homes[v.person].map { $0.pattern.visits[v.pattern].length } ?? 0 }
    let others = plan.filter {
      $0.worker == workerID && $0.day == visit.day
        && !($0.person == visit.person && $0.pattern == visit.pattern && $0.slot == visit.slot)
    }.sorted { $0.start < $1.start }
    let longest = Double(zone.longestJourney) * zone.travelMode.kilometresPerHour / mode.kilometresPerHour
    for other in others {
      guard let them = homes[other.person] else { continue }
      let otherEnd = other.start + lengthOf(other)
      if other.start < end && start < otherEnd {
        reasons.append(
          "\(w) is with \(them.name) from \(CoopCalendar.clockText(other.start)) to "
            + "\(CoopCalendar.clockText(otherEnd)) then")
        continue
      }
      let minutes = travel.minutes(from: them.home.position, to: person.home.position, by: mode)
      if otherEnd <= start && otherEnd + minutes > start {
        reasons.append(
          "\(w) cannot get from \(them.name)'s (until \(CoopCalendar.clockText(otherEnd))) to \(p)'s by "
            + "\(CoopCalendar.clockText(start)): the plan allows \(Minutes(minutes).spoken) for that journey")
      } else if end <= other.start && end + minutes > other.start {
        reasons.append(
          "\(w) could not get to \(them.name)'s by \(CoopCalendar.clockText(other.start)) afterwards: the plan "
            + "allows \(Minutes(minutes).spoken) for that journey")
      }
      if Double(minutes) > longest + 1e-9 {
        reasons.append(
          "\(w) agreed to journeys of at most \(Minutes(zone.longestJourney).spoken); \(them.name)'s to \(p)'s is "
            + "further")
      }
    }
    let fromBase = travel.minutes(from: zone.base, to: person.home.position, by: mode)
    if Double(fromBase) > longest + 1e-9 {
      reasons.append(
        "\(w) agreed to journeys of at most \(Minutes(zone.longestJourney).spoken); \(p)'s home is further")
    }

    // How much they work: the day's share of their most hours a week, and the week.
    let theirs = plan.filter {
      $0.worker == workerID
        && !($0.person == visit.person && $0.pattern == visit.pattern && $0.day == visit.day
          && $0.slot == visit.slot)
    }
    let week = theirs.map(lengthOf).reduce(0, +) + pattern.length
    if week > zone.mostMinutesAWeek {
      reasons.append(
        "\(w) would work \(Minutes(week).spoken) this week; they agreed to at most "
          + "\(Minutes(zone.mostMinutesAWeek).spoken)")
    } else {
      let day = theirs.filter { $0.day == visit.day }.map(lengthOf).reduce(0, +) + pattern.length
      let dayLimit = Int(Self.dailyMinutes(zone))
      if day > dayLimit {
        reasons.append(
          "\(w) would work \(Minutes(day).spoken) on \(weekday.name); the plan spreads their most hours a week "
            + "over the days they are available, \(Minutes(dayLimit).spoken) a day")
      }
    }
    return reasons
  }

  static func list(_ tasks: Set<VisitTask>) -> String { tasks.sorted().map(\.label).joined(separator: ", ") }
}
