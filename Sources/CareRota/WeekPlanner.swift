import CareCore
import Foundation
import Rota

/// Turns a circle's week into the engine's problem and the engine's plan back into visits. Pure: no
/// database, no web; the use cases call it off the event loop.
///
/// How the co-op's rules become the engine's:
/// - places: node 0..<workers are the workers' bases, then one node a person's home; travel is
///   `TravelTimes` at the slowest way of travelling among the workers (one matrix a plan is what the
///   engine takes), so a plan's times hold for everyone; each worker's longest journey is scaled to it.
/// - a visit needs every one of its tasks in the worker's skills and zone of consent: each distinct set
///   of tasks is one engine skill.
/// - a worker has a shift on each day they are available, starting no earlier than their `from` and back
///   by their `until`; whom they may visit is the people whose team they are in and whose home they accept.
/// - most hours a week is kept by spreading it over their available days (the engine limits each day's
///   work; a limit across days is a next step) — never more than they said.
/// - declined workers are never sent; chosen workers and the named backup are preferred; the person's
///   flexibility applies to chosen workers; each extra face costs `continuityWeight`.
public struct WeekPlanner: Sendable {
  public var travel: any TravelTimes
  public var continuityWeight: Double
  public var preferenceWeight: Double

  public init(
    travel: any TravelTimes = StraightLineTravel(), continuityWeight: Double = 30, preferenceWeight: Double = 30
  ) {
    self.travel = travel
    self.continuityWeight = continuityWeight
    self.preferenceWeight = preferenceWeight
  }

  /// The engine's problem for the week, and what each of its services stands for.
  public struct Built: Sendable {
    public var problem: RotaProblem
    /// For each engine service: the person, pattern, weekday and which of two workers.
    public var services: [(person: Int, pattern: Int, weekday: Weekday)]
    public var unfilled: [UnfilledVisit]
  }

  /// A visit of the week: person, pattern and weekday.
  public struct VisitKey: Hashable, Sendable {
    public let person: Int
    public let pattern: Int
    public let weekday: Weekday
  }

  /// `forCover`: workers who said they are happy to cover in their circle may also visit people whose team
  /// they are not in (for cover offers and for checking a week that has cover in it).
  public func build(_ week: WeekToPlan, leavingOut: [VisitKey: [String]] = [:], forCover: Bool = false) -> Built {
    let workers = week.workers
    let people = week.people
    let mode = TravelMode.slowest(workers.map(\.zone.travelMode)) ?? .walk
    let places = workers.map(\.zone.base) + people.map(\.home.position)
    let matrix = places.map { from in places.map { to in Double(travel.minutes(from: from, to: to, by: mode)) } }

    // Engine skills: each distinct set of tasks among the visits.
    var taskSets: [Set<VisitTask>] = []
    for person in people {
      for visit in person.pattern.visits where !taskSets.contains(visit.tasks) { taskSets.append(visit.tasks) }
    }
    let skillOf = { (tasks: Set<VisitTask>) in taskSets.firstIndex(of: tasks)! }
    let workerIndex = Dictionary(uniqueKeysWithValues: workers.enumerated().map { ($1.id, $0) })

    var services: [RotaProblem.Service] = []
    var meaning: [(person: Int, pattern: Int, weekday: Weekday)] = []
    var syncs: [RotaProblem.Sync] = []
    var unfilled: [UnfilledVisit] = []
    for (p, person) in people.enumerated() {
      for (v, visit) in person.pattern.visits.enumerated() {
        for weekday in visit.days.sorted() {
          let reasons =
            leavingOut[VisitKey(person: p, pattern: v, weekday: weekday)]
            ?? Self.whyNobody(can: visit, on: weekday, for: person, workers: workers)
          guard reasons.isEmpty else {
            unfilled.append(
              UnfilledVisit(
                person: person.id, pattern: v, weekday: weekday, day: week.monday.adding(days: weekday.rawValue),
                start: visit.start, reasons: reasons))
            continue
          }
          let first = services.count
          for _ in 0..<visit.workers {
            var service = RotaProblem.Service(
              person: p, node: workers.count + p, skill: skillOf(visit.tasks), duration: Double(visit.length),
              earliest: Double(visit.start), latest: Double(visit.start + visit.window))
            service.day = weekday.rawValue
            service.demand = Double(visit.length)
            services.append(service)
            meaning.append((p, v, weekday))
          }
          if visit.workers == 2 {
            let gap = visit.together ? 0.0 : Double(visit.length)
            syncs.append(
              .init(
                first: first, second: first + 1, minGap: gap, maxGap: visit.together ? 0 : gap + Double(visit.window)))
          }
        }
      }
    }

    let carers = workers.map { w in
      RotaProblem.Carer(
        name: w.id.description,
        skills: Set(taskSets.indices.filter { taskSets[$0].isSubset(of: w.skills) }),
        startNode: workerIndex[w.id]!, endNode: workerIndex[w.id]!)
    }
    var problem = RotaProblem(
      name: "week of \(week.monday.iso)", services: services, carers: carers, travel: matrix, syncs: syncs,
      personIDs: people.map(\.id.description),
      skillIDs: taskSets.map { $0.sorted().map(\.label).joined(separator: ", ") })
    problem.shifts = Weekday.allCases.flatMap { weekday in
      workers.indices.compactMap { w -> RotaProblem.Shift? in
        guard let hours = workers[w].zone.available(on: weekday) else { return nil }
        var shift = RotaProblem.Shift(carer: w, day: weekday.rawValue, startNode: w, endNode: w)
        shift.start = Double(hours.from)
        shift.maxDuration = Double(hours.until)
        shift.capacity = Self.dailyMinutes(workers[w].zone)
        return shift
      }
    }
    problem.preferenceWeight = preferenceWeight
    var wishes: [Int: RotaProblem.Wishes] = [:]
    var backup: [Int: Int] = [:]
    var team: [Int: Set<Int>] = [:]
    for (p, person) in people.enumerated() {
      let pattern = person.pattern
      wishes[p] = RotaProblem.Wishes(
        preferred: Set(pattern.chosen.compactMap { workerIndex[$0] }),
        declined: Set(pattern.declined.compactMap { workerIndex[$0] }), flexibility: Double(pattern.flexibility))
      if let b = pattern.backup.flatMap({ workerIndex[$0] }) { backup[p] = b }
      team[p] = Set(person.team.compactMap { workerIndex[$0] })
    }
    var consent: [Int: RotaProblem.Consent] = [:]
    for (w, worker) in workers.enumerated() {
      let zone = worker.zone
      consent[w] = RotaProblem.Consent(
        people: Set(
          people.indices.filter {
            (people[$0].team.contains(worker.id) || (forCover && zone.coversInCircle)) && zone.accepts(people[$0].home)
          }),
        tasks: Set(taskSets.indices.filter { taskSets[$0].isSubset(of: zone.tasks) }),
        maxJourney: Double(zone.longestJourney) * zone.travelMode.kilometresPerHour / mode.kilometresPerHour)
    }
    problem.wishes = wishes
    problem.backup = backup
    problem.team = team
    problem.consent = consent
    return Built(problem: problem, services: meaning, unfilled: unfilled)
  }

  /// A worker's most minutes a week spread over the days they are available (see the type's notes).
  static func dailyMinutes(_ zone: ConsentZone) -> Double {
    let days = zone.availability.count
    guard days > 0 else { return 0 }
    return (Double(zone.mostMinutesAWeek) / Double(days)).rounded(.down)
  }

  /// Why no worker may do this visit on this day, in plain words (empty when at least one may).
  static func whyNobody(
    can visit: VisitPattern, on weekday: Weekday, for person: WeekToPlan.Person, workers: [WeekToPlan.Worker]
  ) -> [String] {
    var counts: [String: Int] = [:]
    var able = 0
    for worker in workers {
      let zone = worker.zone
      let reason: String? =
        if !person.team.contains(worker.id) {
          "not in \(person.name)'s team"
        } else if person.pattern.declined.contains(worker.id) {
          "declined by \(person.name)"
        } else if !visit.tasks.isSubset(of: worker.skills) {
          "not trained for \(visit.tasks.subtracting(worker.skills).sorted().map(\.label).joined(separator: ", "))"
        } else if !zone.accepts(visit) {
          "not agreed to \(visit.tasks.subtracting(zone.tasks).sorted().map(\.label).joined(separator: ", "))"
        } else if !zone.accepts(person.home) {
          "not agreed to work in a home with \(person.home.hasPets && !zone.petsAreFine ? "pets" : "smoking")"
        } else if let hours = zone.available(on: weekday) {
          hours.from <= visit.start + visit.window && visit.start + visit.length <= hours.until
            ? nil : "not available at that time on \(weekday.name)"
        } else {
          "not available on \(weekday.name)"
        }
      if let reason { counts[reason, default: 0] += 1 } else { able += 1 }
    }
    guard able < visit.workers else { return [] }
    if workers.isEmpty { return ["the circle has no workers"] }
    return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { reason, n in
      "\(n) \(n == 1 ? "worker is" : "workers are") \(reason)"
    }
  }
}

extension WeekPlanner {
  /// Plans the week: the engine's search within `options`, then the plan as visits with the figures. A
  /// visit no worker can fit in is left out with its reason and the rest planned again, so one impossible
  /// visit never stops the week.
  public func plan(_ week: WeekToPlan, options: SearchOptions) -> (PlannedWeek, Built, Plan) {
    var options = options
    options.continuityWeight = continuityWeight
    var leavingOut: [VisitKey: [String]] = [:]
    while true {
      let built = build(week, leavingOut: leavingOut)
      do {
        let result = try Annealer(built.problem).solve(options)
        return (weekFrom(result.plan, built, week), built, result.plan)
      } catch {
        // The engine's only error names the visit it could not place: leave that one out, plan the rest.
        switch error {
        case .noRouteFor(let service, _, _):
          let m = built.services[service]
          leavingOut[VisitKey(person: m.person, pattern: m.pattern, weekday: m.weekday)] = [
            "no worker who may do it can fit it in within the hours, journeys and most hours a week they agreed to"
          ]
        }
      }
    }
  }

  /// The engine's plan as the co-op's visits, with each person's figures.
  public func weekFrom(_ plan: Plan, _ built: Built, _ week: WeekToPlan) -> PlannedWeek {
    let problem = built.problem
    var workerOf = [Int?](repeating: nil, count: problem.services.count)
    for (r, route) in plan.routes.enumerated() {
      for s in route { workerOf[s] = problem.shifts[r].carer }
    }
    var partnerOf = [Int?](repeating: nil, count: problem.services.count)
    for sync in problem.syncs {
      partnerOf[sync.first] = sync.second
      partnerOf[sync.second] = sync.first
    }
    var visits: [PlannedVisit] = []
    for (s, meaning) in built.services.enumerated() {
      guard let w = workerOf[s] else { continue }
      let person = week.people[meaning.person]
      let pattern = person.pattern.visits[meaning.pattern]
      visits.append(
        PlannedVisit(
          person: person.id, pattern: meaning.pattern, weekday: meaning.weekday,
          day: week.monday.adding(days: meaning.weekday.rawValue), start: Int(plan.starts[s].rounded()),
          length: pattern.length, worker: week.workers[w].id,
          partner: partnerOf[s].flatMap { workerOf[$0] }.map { week.workers[$0].id }))
    }
    visits.sort { ($0.day, $0.start, $0.person.description) < ($1.day, $1.start, $1.person.description) }

    var figures: [PersonFigures] = []
    var within = 0
    var counted = 0
    for person in week.people {
      let theirs = visits.filter { $0.person == person.id }
      guard !theirs.isEmpty else { continue }
      var counts: [ID<Account>: Int] = [:]
      for v in theirs { counts[v.worker, default: 0] += 1 }
      let choice = Set(person.pattern.chosen + [person.pattern.backup].compactMap { $0 })
      let byChoice = theirs.filter { choice.contains($0.worker) }.count
      let n = Double(theirs.count)
      let coc =
        theirs.count < 2 ? 1 : (Double(counts.values.map { $0 * $0 }.reduce(0, +)) - n) / (n * (n - 1))
      let late = theirs.map { v in
        let pattern = person.pattern.visits[v.pattern]
        let accepted =
          pattern.start + pattern.window + (choice.contains(v.worker) ? person.pattern.flexibility : 0)
        return max(0, v.start - accepted)
      }.reduce(0, +)
      figures.append(
        PersonFigures(
          person: person.id, visits: theirs.count,
          workers: counts.sorted { ($0.value, $1.key.description) > ($1.value, $0.key.description) }.map(\.key),
          withChosenShare: Double(byChoice) / n, continuityIndex: coc, minutesLate: late))
      counted += 1
      let seen = Set(counts.keys)
      let regulars = seen.subtracting([person.pattern.backup].compactMap { $0 })
      if seen.isSubset(of: choice) && regulars.count <= 3 { within += 1 }
    }
    return PlannedWeek(
      monday: week.monday, visits: visits, unfilled: built.unfilled, figures: figures,
      travelMinutes: Int(Evaluator.evaluate(problem, plan).cost.travel.rounded()),
      shareWithinChoice: counted == 0 ? 1 : Double(within) / Double(counted))
  }
}

/// A visit as kept on a week's plan, for checking it again: whose, which pattern and slot, when, by whom.
public struct VisitOnPlan: Sendable, Hashable {
  public let person: ID<CareCore.Person>
  public let pattern: Int
  public let slot: Int
  public let day: Day
  public let start: Int
  public let worker: ID<Account>

  public init(person: ID<CareCore.Person>, pattern: Int, slot: Int, day: Day, start: Int, worker: ID<Account>) {
    self.person = person
    self.pattern = pattern
    self.slot = slot
    self.day = day
    self.start = start
    self.worker = worker
  }
}

extension WeekPlanner {
  /// Checks a kept plan against the week as it is now, with the engine's independent evaluator (it shares
  /// no code with the search): every hard rule a visit breaks (skills, consent, availability, declined
  /// worker, overlap, travel limit, time window), in the evaluator's words. Visits of the week that are not
  /// on the plan are not counted against it; a visit the week no longer has is reported.
  public func check(_ week: WeekToPlan, _ visits: [VisitOnPlan], forCover: Bool = false)
    -> (report: Evaluator.Report, unplaced: [String])
  {
    let (built, plan, _, unplaced) = placed(week, visits, forCover: forCover)
    return (Evaluator.evaluate(built.problem, plan), unplaced)
  }

  /// The kept visits as the engine's plan of the week (the week's visits not on it left out), with each
  /// kept visit's engine service, and what could not be placed, in plain words.
  func placed(_ week: WeekToPlan, _ visits: [VisitOnPlan], forCover: Bool)
    -> (built: Built, plan: Plan, serviceOf: [VisitOnPlan: Int], unplaced: [String])
  {
    let personIndex = Dictionary(uniqueKeysWithValues: week.people.enumerated().map { ($1.id, $0) })
    let workerIndex = Dictionary(uniqueKeysWithValues: week.workers.enumerated().map { ($1.id, $0) })
    func weekday(_ day: Day) -> Weekday? {
      (0..<7).first { week.monday.adding(days: $0) == day }.flatMap(Weekday.init(rawValue:))
    }
    var present: Set<VisitKey> = []
    for v in visits {
      guard let p = personIndex[v.person], let d = weekday(v.day) else { continue }
      present.insert(VisitKey(person: p, pattern: v.pattern, weekday: d))
    }
    var leavingOut: [VisitKey: [String]] = [:]
    for (p, person) in week.people.enumerated() {
      for (n, pattern) in person.pattern.visits.enumerated() {
        for d in pattern.days where !present.contains(VisitKey(person: p, pattern: n, weekday: d)) {
          leavingOut[VisitKey(person: p, pattern: n, weekday: d)] = ["not on this plan"]
        }
      }
    }
    let built = build(week, leavingOut: leavingOut, forCover: forCover)
    let problem = built.problem
    // Each engine service by its visit and slot (a two-worker visit is two services in a row).
    var serviceOf: [String: Int] = [:]
    var slots: [VisitKey: Int] = [:]
    for (s, m) in built.services.enumerated() {
      let key = VisitKey(person: m.person, pattern: m.pattern, weekday: m.weekday)
      let slot = slots[key, default: 0]
      slots[key] = slot + 1
      serviceOf["\(m.person)/\(m.pattern)/\(m.weekday.rawValue)/\(slot)"] = s
    }
    var routes = [[Int]](repeating: [], count: problem.shifts.count)
    var starts = [Double](repeating: 0, count: problem.services.count)
    var unplaced: [String] = []
    var placedAs: [VisitOnPlan: Int] = [:]
    for v in visits {
      guard let p = personIndex[v.person], let d = weekday(v.day),
        let s = serviceOf["\(p)/\(v.pattern)/\(d.rawValue)/\(v.slot)"]
      else {
        unplaced.append("a visit on \(v.day.iso) at \(CoopCalendar.clockText(v.start)) is no longer wanted or possible")
        continue
      }
      guard let w = workerIndex[v.worker],
        let shift = problem.shifts.indices.first(where: {
          problem.shifts[$0].carer == w && problem.shifts[$0].day == d.rawValue
        })
      else {
        unplaced.append("the worker on \(v.day.iso) at \(CoopCalendar.clockText(v.start)) is not available that day")
        continue
      }
      routes[shift].append(s)
      placedAs[v] = s
      starts[s] = Double(v.start)
    }
    for r in routes.indices { routes[r].sort { starts[$0] < starts[$1] } }
    return (built, Plan(routes: routes, starts: starts), placedAs, unplaced)
  }
}
