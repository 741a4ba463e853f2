import ArgumentParser
import Foundation
import Rota

/// Runs a benchmark set and prints our objective beside the best known, with the gap.
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Benchmark a set of published instances.")
  @Option(help: "mankowska, solomon, uhhc or convrp.") var set: String = "mankowska"
  @Option(help: "Seconds per instance.") var seconds: Double = 10
  @Option(help: "Only these instances, e.g. A1,A2 or a set letter like C (Solomon: C101, or RC2).") var only: String?
  @Option(help: "Random seed.") var seed: UInt64 = 1
  @Option(help: "The folder holding the public benchmark sets (else $CARECOOP_ROTA_DATA).") var data: String?
  @Flag(help: "Print JSON lines instead of a table.") var json = false
  @Option(help: "Keep each plan better than the best known here, as hhcrsp validator JSON.") var keepBetter: String?
  @OptionGroup var tuning: Tuning
  @Option(help: "ConVRP: cost of each extra carer a person sees in the week.") var continuityWeight = 5.0

  struct Row: Encodable {
    let instance: String
    let objective: Double
    let bestKnown: Double
    let gapPercent: Double
    let seconds: Double
    let feasible: Bool
  }

  /// One instance to run: where it is, its best known value, and which figure of ours compares with it.
  struct Case {
    let name: String
    let path: String
    let best: Double
    let score: (Cost) -> Double
  }

  func run() throws {
    let cases: [Case]
    switch set {
    case "mankowska": cases = try mankowska()
    case "solomon": cases = try solomon()
    case "uhhc": return try uhhc()
    case "convrp": return try convrp()
    default: throw ValidationError("--set \(set): mankowska, solomon, uhhc or convrp")
    }
    let wanted = only.map { $0.split(separator: ",").map(String.init) }
    if !json { print("instance  objective  best known   gap %   seconds") }
    var gaps: [Double] = []
    // A name picks that instance ("E1" is not E10); anything else is a prefix ("E", Solomon's "RC2").
    let names = Set(cases.map(\.name))
    func picked(_ name: String) -> Bool {
      wanted?.contains { name == $0 || (!names.contains($0) && name.hasPrefix($0)) } ?? true
    }
    for c in cases where picked(c.name) {
      let problem = try Instances.load(c.path)
      let options = tuning.applied(to: SearchOptions(seed: seed, seconds: seconds))
      let result = try Annealer(problem).solve(options)
      let report = Evaluator.evaluate(problem, result.plan)
      let ours = c.score(result.cost)
      let gap = (ours - c.best) / c.best * 100
      gaps.append(gap)
      if let keepBetter, gap < 0, report.isFeasible {
        let name = String(format: "%@-%.2f-seed%llu.json", c.name as NSString, ours, seed)
        try SolutionWriter.json(problem, result.plan).write(to: URL(fileURLWithPath: keepBetter + "/" + name))
      }
      let out = Row(
        instance: c.name, objective: ours, bestKnown: c.best, gapPercent: gap, seconds: result.seconds,
        feasible: report.isFeasible)
      try emit(
        out,
        String(
          format: "%-8@ %10.2f %11.2f %7.2f %9.1f%@", c.name as NSString, ours, c.best, gap, out.seconds,
          report.isFeasible ? "" : "  INFEASIBLE"))
    }
    if !json && !gaps.isEmpty {
      print(String(format: "mean gap %.2f %% over %d instances", gaps.reduce(0, +) / Double(gaps.count), gaps.count))
    }
  }

  /// One row: a JSON line with --json, else the table line; shown at once, not when the run ends.
  func emit<R: Encodable>(_ row: R, _ line: @autoclosure () -> String) throws {
    print(json ? String(decoding: try JSONEncoder().encode(row), as: UTF8.self) : line())
    fflush(nil)
  }

  /// Mankowska A1…G10 with `best_known_min` from the data folder's CSV; the score is the published objective.
  func mankowska() throws -> [Case] {
    let folder = try BenchData.folder(data, "mankowska2014", needs: "best_known.csv")
    let csv = try String(contentsOfFile: folder + "/best_known.csv", encoding: .utf8)
    let lines = csv.split(whereSeparator: \.isNewline).map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }
    guard let header = lines.first, let fileColumn = header.firstIndex(of: "file"),
      let bestColumn = header.firstIndex(of: "best_known_min")
    else { throw ValidationError("\(folder)/best_known.csv lacks the file or best_known_min column") }
    return lines.dropFirst().filter { $0.count > bestColumn }.map { row in
      Case(name: row[0], path: folder + "/" + row[fileColumn], best: Double(row[bestColumn]) ?? .nan) { $0.objective }
    }
  }

  /// Solomon's 56 instances against the distance-only best known (`<name>_distance`); the score is travel.
  func solomon() throws -> [Case] {
    let folder = try BenchData.folder(data, "solomon", needs: "BKS_vroom-scripts.json")
    let bks = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: folder + "/BKS_vroom-scripts.json")))
    guard let table = bks as? [String: [String: Any]] else { throw ValidationError("\(folder): unreadable best known") }
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".txt") }.sorted()
    return files.compactMap { file in
      let name = String(file.dropLast(4))
      guard let best = (table[name + "_distance"] ?? table[name])?["best_known_cost"] as? Double else { return nil }
      return Case(name: name, path: folder + "/" + file, best: best) { $0.travel }
    }
  }
}
