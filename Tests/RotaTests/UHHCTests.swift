import Foundation
import Testing

@testable import Rota

@Suite("UHHC")
struct UHHCTests {
  static let folder = URL(fileURLWithPath: ReaderTests.data).deletingLastPathComponent().appendingPathComponent("uhhc")
    .path

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
}
