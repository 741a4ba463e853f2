import Foundation
import Testing

@testable import Rota

@Suite("UHHC")
struct UHHCTests {
  static let folder = Fixtures.folder("uhhc")

  static func instance(_ name: String) throws -> UHHCInstance {
    try UHHCReader.read(data: try Data(contentsOf: URL(fileURLWithPath: "\(folder)/instances/\(name)")), file: name)
  }

  /// The published simulated-annealing plans, scored by our scorer, give the costs the authors logged
  /// for the same run (SA_log.csv, matched by seed): travel, lateness, waiting, idle time, preferences,
  /// unscheduled patients and missed lunches, part by part and in total.
  @Test(arguments: ["i-100", "i-116", "i-134", "i-235", "i-247"])
  func ourScoreOfThePublishedPlansIsTheirs(name: String) throws {
    let instance = try Self.instance("\(name).json")
    let files = try FileManager.default.contentsOfDirectory(atPath: "\(Self.folder)/solutions")
    let file = try #require(files.first { $0.hasPrefix("sa-sol-\(name)-") })
    let seed = String(file.dropFirst("sa-sol-\(name)-".count).dropLast(".json".count))
    let plan = try UHHCPlan.read(
      data: try Data(contentsOf: URL(fileURLWithPath: "\(Self.folder)/solutions/\(file)")), file: file,
      instance: instance)
    let log = try String(contentsOfFile: "\(Self.folder)/SA_log.csv", encoding: .utf8)
    let lines = log.components(separatedBy: .newlines).map {
      $0.trimmingCharacters(in: .whitespaces.union(.init(charactersIn: "\u{FEFF}"))).components(separatedBy: ";")
    }
    let header = try #require(lines.first)
    let row = try #require(lines.first { $0.first == name && $0.last == seed })
    let logged = Dictionary(uniqueKeysWithValues: zip(header, row))
    let score = UHHCScore(instance, plan)
    let w = instance.weights
    #expect(score.violations == [])
    #expect(w.travel * score.travel == Int(logged["travel_time"]!))
    #expect(w.tardiness * score.tardiness == Int(logged["total_tardiness"]!))
    #expect(w.waiting * score.waiting == Int(logged["total_waiting_time"]!))
    #expect(w.maxIdle * score.maxIdle == Int(logged["max_idle_time"]!))
    #expect(w.preferences * score.preferences == Int(logged["preferences"]!))
    #expect(w.unscheduled * score.unscheduled == Int(logged["unscheduled"]!))
    #expect(w.missedLunch * score.missedLunch == Int(logged["missed_lunch_break"]!))
    #expect(score.cost(w) == Int(logged["cost"]!))
  }

  /// The search's plan, written in the validator's JSON and read back, scores what the search said,
  /// breaks no rule, sees every required patient, and the same seed gives the same plan.
  @Test(arguments: ["i-116.json", "i-235.json", "instance-000.json", "instance-004.json"])
  func searchedPlansKeepTheRulesAndRoundTrip(name: String) throws {
    let instance = try Self.instance(name)
    let options = SearchOptions(seed: 7, iterations: 2_000)
    let result = try #require(UHHCAnnealer(instance).solve(options))
    let reread = try UHHCPlan.read(data: result.plan.json(instance), file: "out.json", instance: instance)
    let score = UHHCScore(instance, reread)
    #expect(score.violations == [] && score.unseenRequired == [])
    #expect(score.cost(instance.weights) == result.cost)
    let seen = Set(reread.routes.joined().map(\.patient))
    #expect(instance.patients.indices.filter { !instance.patients[$0].optional }.allSatisfy(seen.contains))
    #expect(UHHCAnnealer(instance).solve(options)?.plan == result.plan)
  }

  /// instance-008 forbids lateness, but its carer c2 starts at 120 and cannot reach p9 (window ends 120) in
  /// time: the plan is made, and says so, rather than hiding it or giving up.
  @Test func unavoidableForbiddenLatenessIsReported() throws {
    let instance = try Self.instance("instance-008.json")
    let result = try #require(UHHCAnnealer(instance).solve(SearchOptions(seed: 1, iterations: 3_000)))
    #expect(result.score.violations == [] && result.score.unseenRequired == [])
    #expect(result.score.forbiddenLateness > 0 && !result.score.isValid)
  }

  @Test func searchingBeatsTheFirstPlan() throws {
    let instance = try Self.instance("i-100.json")
    let annealer = UHHCAnnealer(instance)
    let routes = try #require(annealer.firstRoutes())
    let first = try #require(annealer.cost(routes)).2
    let searched = try #require(annealer.solve(SearchOptions(seed: 1, iterations: 5_000))).cost
    #expect(searched < first)
  }

  @Test func aMissingFieldIsNamed() throws {
    let url = URL(fileURLWithPath: "\(Self.folder)/instances/i-116.json")
    var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    var patients = try #require(json["patients"] as? [[String: Any]])
    patients[2]["distance_matrix_index"] = nil
    json["patients"] = patients
    let data = try JSONSerialization.data(withJSONObject: json)
    let error = try #require(throws: InstanceError.self) { try UHHCReader.read(data: data, file: "i-116.json") }
    #expect(error.description == "i-116.json: patients[2].distance_matrix_index: missing")
  }

  /// Random damage to a real file (a field dropped, a number made negative, huge or text, a list emptied)
  /// gives an instance the search can plan or refuse, or a clear error: never a crash.
  @Test func damagedFilesNeverCrashTheReaderOrTheSearch() throws {
    let url = URL(fileURLWithPath: "\(Self.folder)/instances/instance-004.json")
    let original = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
    var rng = SeededRandom(seed: 99)
    var (read, refused) = (0, 0)
    for _ in 0..<150 {
      let damaged = Self.damage(original, rng: &rng, depth: 0)
      let data = try JSONSerialization.data(withJSONObject: damaged)
      do {
        let instance = try UHHCReader.read(data: data, file: "x.json")
        _ = UHHCAnnealer(instance).solve(SearchOptions(seed: 1, iterations: 300))
        read += 1
      } catch is InstanceError {
        refused += 1
      }
    }
    #expect(read > 10 && refused > 10)
  }

  static func damage(_ value: Any, rng: inout SeededRandom, depth: Int) -> Any {
    switch value {
    case var object as [String: Any] where !object.isEmpty:
      let key = object.keys.sorted()[rng.below(object.count)]
      if depth > 0 && rng.below(4) == 0 {
        object[key] = nil
      } else {
        object[key] = damage(object[key]!, rng: &rng, depth: depth + 1)
      }
      return object
    case var list as [Any] where !list.isEmpty:
      if rng.below(6) == 0 { return [Any]() }
      let i = rng.below(list.count)
      list[i] = damage(list[i], rng: &rng, depth: depth + 1)
      return list
    case is NSNumber, is String:
      return [-5, 0, 1e9, "x", 3.5][rng.below(5)]
    default:
      return value
    }
  }
}
