import ArgumentParser
import Foundation
import Rota

/// UHHC instances have their own objective, so they go to their own search and scorer.
enum UHHCFiles {
  /// A UHHC file is JSON with terminal points (the carers' start and end places).
  static func load(_ path: String) throws -> UHHCInstance? {
    guard path.hasSuffix(".json"), !path.hasSuffix(".week.json"), let data = FileManager.default.contents(atPath: path),
      String(decoding: data.prefix(200_000), as: UTF8.self).contains("\"terminal_points\"")
    else { return nil }
    return try UHHCReader.read(data: data, file: (path as NSString).lastPathComponent)
  }

  static func solve(_ instance: UHHCInstance, options: SearchOptions) throws -> UHHCAnnealer.Result {
    guard let result = UHHCAnnealer(instance).solve(options) else {
      throw InstanceError(
        file: instance.name, location: "patients",
        message: "no first plan: a required patient has no carer who may do their service, or lateness is forbidden")
    }
    return result
  }
}

extension Bench {
  /// The five UHHC instances with published simulated-annealing runs (SA_log.csv: 10 runs each); we
  /// compare with their best and mean cost. Their runs stopped on their own criterion (the log's time).
  func uhhc() throws {
    let folder = try BenchData.folder(data, "uhhc", needs: "SA_log.csv")
    let log = try String(contentsOfFile: folder + "/SA_log.csv", encoding: .utf8)
    let rows = log.components(separatedBy: .newlines).map {
      $0.trimmingCharacters(in: .whitespaces.union(.init(charactersIn: "\u{FEFF}"))).components(separatedBy: ";")
    }
    guard let header = rows.first, let costColumn = header.firstIndex(of: "cost"),
      let timeColumn = header.firstIndex(of: "time")
    else { throw ValidationError("\(folder)/SA_log.csv lacks the cost or time column") }
    let names = try FileManager.default.contentsOfDirectory(atPath: folder + "/instances").filter { $0.hasPrefix("i-") }
      .sorted()
    if !json { print("instance   ours   SA best  SA mean  gap to best %  SA mean s  seconds") }
    var gaps: [Double] = []
    for file in names {
      let name = String(file.dropLast(5))
      guard only.map({ $0.split(separator: ",").contains { name.hasPrefix($0) } }) ?? true else { continue }
      let runs = rows.filter { $0.first == name && $0.count > max(costColumn, timeColumn) }
      let costs = runs.compactMap { Double($0[costColumn]) }
      guard let best = costs.min(), let instance = try UHHCFiles.load(folder + "/instances/" + file) else { continue }
      let mean = costs.reduce(0, +) / Double(costs.count)
      let theirTime = runs.compactMap { Double($0[timeColumn]) }.reduce(0, +) / Double(runs.count)
      let result = try UHHCFiles.solve(instance, options: UHHCAnnealer.defaultOptions(seed: seed, seconds: seconds))
      let gap = (Double(result.cost) - best) / best * 100
      gaps.append(gap)
      let row = Row(
        instance: name, objective: Double(result.cost), bestKnown: best, gapPercent: gap, seconds: seconds,
        feasible: result.score.isValid)
      try emit(
        row,
        String(
          format: "%-8@ %7d %8.0f %8.0f %14.2f %10.1f %8.1f", name as NSString, result.cost, best, mean, gap,
          theirTime, seconds))
    }
    if !json && !gaps.isEmpty {
      print(
        String(
          format: "mean gap to the published SA's best %.2f %% over %d instances",
          gaps.reduce(0, +) / Double(gaps.count), gaps.count))
    }
  }
}
