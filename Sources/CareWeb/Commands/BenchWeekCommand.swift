import CareCases
import CareCore
import CareRota
import Foundation
import Rota
import Vapor

/// `carecoop bench-week`: how planning a week from the database performs. On an empty database it seeds the
/// demo first. Prints, for each circle and for one circle five times the demo's largest (people, workers and
/// teams copied, homes moved a little): reading the facts, the first plan (the engine's greedy start), the
/// search, and the continuity figures; then how fast a page model is read with and without a plan running.
/// Figures, not a pass/fail test (see the README for the command and the numbers).
struct BenchWeekCommand: AsyncCommand {
  struct Signature: CommandSignature {
    @Option(name: "seconds", help: "Seconds of search per plan (default 5).")
    var seconds: Double?
  }

  var help: String { "Benchmarks planning a week from the database (seeds the demo on an empty database)." }

  func run(using context: CommandContext, signature: Signature) async throws {
    let app = context.application
    let cases = app.care.cases
    let store = app.care.store
    let seconds = signature.seconds ?? 5
    if try await store.needsSetup() { _ = try await cases.seedDemo() }
    guard let coop = try await cases.coops().first, let admin = try await store.accounts(coop: coop.id).first
    else { throw Abort(.notFound) }
    let requester = try await cases.requester(for: admin)
    let monday = CoopCalendar.london.weekStart(of: cases.today).adding(days: 14)
    let say = { (line: String) in context.console.print(line) }
    say(
      "| circle | people | workers | visits | facts read | first plan | search | share within choice | mean COC | travel |"
    )
    say("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    var largest: WeekToPlan?
    for circle in try await store.circles(coop: coop.id) {
      let clock = ContinuousClock()
      let began = clock.now
      guard let facts = try await store.circleWeekFacts(circle.id, coop: coop.id, on: monday) else { continue }
      let read = clock.now - began
      let (week, _) = Cases.weekToPlan(facts, monday: monday)
      say(Self.row(circle.name, week, read: read, seconds: seconds))
      if week.people.count > (largest?.people.count ?? 0) { largest = week }
    }
    if let largest {
      say(Self.row("5 × the largest (generated)", Self.scaled(largest, by: 5), read: nil, seconds: seconds))
      say("")
      say(
        "| cover: a worker drops out | visits in the week | their visits | time to find cover | with someone to ask | backup first |"
      )
      say("| --- | --- | --- | --- | --- | --- |")
      for (name, week) in [("the largest circle", largest), ("5 × the largest", Self.scaled(largest, by: 5))] {
        say(Self.coverRow(name, week, seconds: min(seconds, 2)))
      }
    }

    // Reads while the engine plans: a person's week, 300 times, then again with a plan running.
    guard let person = try await store.people(coop: coop.id).first?.0 else { return }
    let reads = { () async throws -> (perSecond: Double, p99: Double) in
      var times: [Double] = []
      let clock = ContinuousClock()
      let all = clock.now
      for _ in 0..<300 {
        let one = clock.now
        _ = try await cases.personWeek(person.id, monday: monday.adding(days: -14), by: requester)
        times.append(Self.ms(clock.now - one))
      }
      times.sort()
      return (300 / (Self.ms(clock.now - all) / 1000), times[Int(Double(times.count) * 0.99) - 1])
    }
    let quiet = try await reads()
    guard let circle = try await store.circles(coop: coop.id).first else { return }
    let planning = Task {
      _ = try await cases.draftWeek(
        circle: circle.id, monday: monday, by: requester, options: SearchOptions(seed: 1, seconds: 10))
    }
    try await Task.sleep(nanoseconds: 300_000_000)
    let busy = try await reads()
    _ = await planning.result  // the engine runs on its own thread: let it finish before the next quiet figure
    say("")
    say("| person's week read | per second | p99 |")
    say("| --- | --- | --- |")
    say("| no plan running | \(Int(quiet.perSecond)) | \(String(format: "%.1f", quiet.p99)) ms |")
    say("| while the engine plans | \(Int(busy.perSecond)) | \(String(format: "%.1f", busy.p99)) ms |")

    // The same over HTTP: the server on a free port, the person's week read through the API (routing,
    // session, use case, JSON) by 8 clients at once, with and without the engine planning a week.
    try await app.server.start(address: .hostname("127.0.0.1", port: 0))
    defer { Task { await app.server.shutdown() } }
    guard let port = app.http.server.shared.localAddress?.port else { return }
    let token = Tokens.random()
    try await store.createSession(
      tokenHash: Tokens.hash(token), account: person.accountID, kind: "api", at: app.care.env.now())
    let url = URI(
      string: "http://127.0.0.1:\(port)/api/v1/teams/\(person.id)/week?week=\(monday.adding(days: -14).iso)")
    let client = app.client
    let overHTTP = { () async throws -> (perSecond: Double, p99: Double, failed: Int) in
      let clock = ContinuousClock()
      let all = clock.now
      let results = try await withThrowingTaskGroup(of: [(Double, Bool)].self) { group in
        for _ in 0..<8 {
          group.addTask {
            var mine: [(Double, Bool)] = []
            for _ in 0..<50 {
              let one = clock.now
              var headers = HTTPHeaders()
              headers.bearerAuthorization = .init(token: token)
              let response = try await client.get(url, headers: headers)
              mine.append((Self.ms(clock.now - one), response.status == .ok))
            }
            return mine
          }
        }
        return try await group.reduce(into: [(Double, Bool)]()) { $0 += $1 }
      }
      let times = results.map(\.0).sorted()
      return (
        Double(times.count) / (Self.ms(clock.now - all) / 1000), times[Int(Double(times.count) * 0.99) - 1],
        results.filter { !$0.1 }.count
      )
    }
    let httpQuiet = try await overHTTP()
    let planningAgain = Task {
      _ = try await cases.draftWeek(
        circle: circle.id, monday: monday, by: requester, options: SearchOptions(seed: 2, seconds: 10))
    }
    try await Task.sleep(nanoseconds: 300_000_000)
    let httpBusy = try await overHTTP()
    _ = await planningAgain.result
    say("")
    say("| person's week over HTTP (API, 8 clients) | per second | p99 | not 200 |")
    say("| --- | --- | --- | --- |")
    for (name, r) in [("no plan running", httpQuiet), ("while the engine plans", httpBusy)] {
      say("| \(name) | \(Int(r.perSecond)) | \(String(format: "%.1f", r.p99)) ms | \(r.failed) |")
    }
  }

  static func ms(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
  }

  static func row(_ name: String, _ week: WeekToPlan, read: Duration?, seconds: Double) -> String {
    let planner = WeekPlanner()
    let clock = ContinuousClock()
    var began = clock.now
    _ = planner.plan(week, options: SearchOptions(seed: 1, seconds: 60, iterations: 1))
    let first = clock.now - began
    began = clock.now
    let (planned, _, _) = planner.plan(week, options: SearchOptions(seed: 1, seconds: seconds))
    let search = clock.now - began
    let coc = planned.figures.map(\.continuityIndex).reduce(0, +) / Double(max(1, planned.figures.count))
    return "| \(name) | \(week.people.count) | \(week.workers.count) | \(planned.visits.count) "
      + "(\(planned.unfilled.count) unfilled) | \(read.map { String(format: "%.1f ms", ms($0)) } ?? "–") | "
      + String(format: "%.0f ms", ms(first)) + " | " + String(format: "%.1f s", ms(search) / 1000) + " | "
      + String(format: "%.0f %%", planned.shareWithinChoice * 100) + " | " + String(format: "%.2f", coc) + " | "
      + "\(planned.travelMinutes) min |"
  }

  /// A planned week, then the busiest worker cannot work the whole week: the time the engine's repair and
  /// the plain-words checks take to find who could cover each of their visits (nothing else moves), how many
  /// have someone to ask, and how many go to the person's named backup first.
  static func coverRow(_ name: String, _ week: WeekToPlan, seconds: Double) -> String {
    let planner = WeekPlanner()
    let (planned, _, _) = planner.plan(week, options: SearchOptions(seed: 1, seconds: seconds))
    var slots: [String: Int] = [:]
    let kept = planned.visits.map { v -> VisitOnPlan in
      let place = "\(v.person)/\(v.pattern)/\(v.day.iso)"
      let slot = slots[place, default: 0]
      slots[place] = slot + 1
      return VisitOnPlan(person: v.person, pattern: v.pattern, slot: slot, day: v.day, start: v.start, worker: v.worker)
    }
    guard let busiest = Dictionary(grouping: kept, by: \.worker).max(by: { $0.value.count < $1.value.count }) else {
      return "| \(name) | 0 | – | – | – | – |"
    }
    let clock = ContinuousClock()
    let began = clock.now
    let found = planner.coverCandidates(week, plan: kept, uncovered: busiest.value, without: busiest.key)
    let took = clock.now - began
    let asked = found.values.filter { !$0.isEmpty }.count
    let backup = found.values.filter { $0.first?.tier == .backup }.count
    return "| \(name) | \(kept.count) | \(busiest.value.count) | " + String(format: "%.0f ms", ms(took))
      + " | \(asked) of \(busiest.value.count) | \(backup) |"
  }

  /// The week `n` times over: each copy's people, workers and teams are new, homes and bases moved by up
  /// to about a kilometre, so copies share the town but not their teams.
  static func scaled(_ week: WeekToPlan, by n: Int) -> WeekToPlan {
    var people: [WeekToPlan.Person] = []
    var workers: [WeekToPlan.Worker] = []
    for copy in 0..<n {
      var rename: [ID<Account>: ID<Account>] = [:]
      func renamed(_ id: ID<Account>) -> ID<Account> {
        if copy == 0 { return id }
        if let new = rename[id] { return new }
        let new = ID<Account>(UUID())
        rename[id] = new
        return new
      }
      let shift = Double(copy) * 0.004
      for worker in week.workers {
        var zone = worker.zone
        zone.base = GeoPoint(latitude: zone.base.latitude + shift, longitude: zone.base.longitude) ?? zone.base
        workers.append(WeekToPlan.Worker(id: renamed(worker.id), name: worker.name, skills: worker.skills, zone: zone))
      }
      for person in week.people {
        var pattern = person.pattern
        pattern.chosen = pattern.chosen.map(renamed)
        pattern.declined = Set(pattern.declined.map(renamed))
        pattern.backup = pattern.backup.map(renamed)
        var home = person.home
        home.position =
          GeoPoint(latitude: home.position.latitude + shift, longitude: home.position.longitude) ?? home.position
        people.append(
          WeekToPlan.Person(
            id: copy == 0 ? person.id : ID(UUID()), name: person.name, home: home, pattern: pattern,
            team: Set(person.team.map(renamed))))
      }
    }
    return WeekToPlan(monday: week.monday, people: people, workers: workers)
  }
}
