import ArgumentParser
import Foundation
import Rota

/// Runs a benchmark set and prints our objective beside the best known, with the gap.
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Benchmark a set of published instances.")
  @Option(help: "mankowska (solomon, uhhc and convrp are not read yet).") var set: String = "mankowska"
  @Option(help: "Seconds per instance.") var seconds: Double = 10
  @Option(help: "Only these instances, e.g. A1,A2 or a set letter like C.") var only: String?
  @Option(help: "Random seed.") var seed: UInt64 = 1
  @Option(help: "The folder holding the benchmark data.") var data: String = "../shared/data/rota"
  @Flag(help: "Print JSON lines instead of a table.") var json = false

  struct Row: Encodable {
    let instance: String
    let objective: Double
    let bestKnown: Double
    let gapPercent: Double
    let seconds: Double
    let feasible: Bool
  }

  func run() throws {
    guard set == "mankowska" else {
      throw ValidationError("--set \(set): only mankowska is read so far")
    }
    let folder = data + "/mankowska2014"
    let csv = try String(contentsOfFile: folder + "/best_known.csv", encoding: .utf8)
    let lines = csv.split(whereSeparator: \.isNewline).map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }
    guard let header = lines.first, let fileColumn = header.firstIndex(of: "file"),
      let bestColumn = header.firstIndex(of: "best_known_min")
    else { throw ValidationError("\(folder)/best_known.csv lacks the file or best_known_min column") }
    let wanted = only.map { Set($0.split(separator: ",").map(String.init)) }
    if !json { print("instance  objective  best known   gap %   seconds") }
    var gaps: [Double] = []
    for row in lines.dropFirst() where row.count > bestColumn {
      let name = row[0]
      if let wanted, !wanted.contains(name), !wanted.contains(String(name.prefix(1))) { continue }
      let problem = try Instances.load(folder + "/" + row[fileColumn])
      let result = try Annealer(problem).solve(SearchOptions(seed: seed, seconds: seconds))
      let report = Evaluator.evaluate(problem, result.plan)
      let best = Double(row[bestColumn]) ?? .nan
      let gap = (result.cost.objective - best) / best * 100
      gaps.append(gap)
      let out = Row(
        instance: name, objective: result.cost.objective, bestKnown: best, gapPercent: gap,
        seconds: result.seconds, feasible: report.isFeasible)
      if json {
        print(String(decoding: try JSONEncoder().encode(out), as: UTF8.self))
      } else {
        print(
          String(
            format: "%-8@ %10.2f %11.2f %7.2f %9.1f%@", name as NSString, out.objective, best, gap,
            out.seconds, report.isFeasible ? "" : "  INFEASIBLE"))
      }
      fflush(nil)  // show each row as it comes
    }
    if !json && !gaps.isEmpty {
      print(String(format: "mean gap %.2f %% over %d instances", gaps.reduce(0, +) / Double(gaps.count), gaps.count))
    }
  }
}
