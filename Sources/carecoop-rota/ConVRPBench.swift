import ArgumentParser
import Foundation
import Rota

/// ConVRP (Groër, Golden and Wasil's consistent VRP, Christofides-based, 5 days): each instance planned as a
/// whole week with continuity counted, beside the same week planned day by day. The data folder holds no
/// best known results for these, so the table compares the two plans: travel, and how consistent each is.
extension Bench {
  struct ConVRPRow: Encodable {
    let instance: String
    let travelWeek: Double
    let travelDayByDay: Double
    let extraTravelPercent: Double
    /// People seen by one carer all week (ConVRP's driver consistency), whole week and day by day.
    let oneCarerWeek: Double
    let oneCarerDayByDay: Double
    let cocWeek: Double
    let seconds: Double
  }

  func convrp() throws {
    let folder = try BenchData.folder(data, "convrp/convrp-0-7", needs: "Christofides_1_5_0.7.vrp")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".vrp") }
      .sorted { $0.localizedStandardCompare($1) == .orderedAscending }
    if !json { print("instance          travel: week  day by day  extra %   one carer: week  day by day   COC") }
    var extras: [Double] = []
    for file in files {
      let name = String(file.dropLast(4))
      guard only.map({ $0.split(separator: ",").contains { name.hasPrefix($0) } }) ?? true else { continue }
      let week = try Instances.load(folder + "/" + file)
      let days = (week.shifts.map(\.day).max() ?? 0) + 1
      var options = tuning.applied(to: SearchOptions(seed: seed, seconds: seconds))
      let separate = ContinuityReport(week, try Week.dayByDay(week, days: days, options: options))
      options.continuityWeight = continuityWeight
      let together = ContinuityReport(week, try Annealer(week).solve(options).plan)
      func oneCarer(_ r: ContinuityReport) -> Double {
        Double(r.distinctCarers.filter { $0 <= 1 }.count) / Double(max(1, r.distinctCarers.count))
      }
      let row = ConVRPRow(
        instance: name, travelWeek: together.travel, travelDayByDay: separate.travel,
        extraTravelPercent: (together.travel - separate.travel) / separate.travel * 100,
        oneCarerWeek: oneCarer(together), oneCarerDayByDay: oneCarer(separate), cocWeek: together.meanCOC,
        seconds: seconds)
      extras.append(row.extraTravelPercent)
      try emit(
        row,
        String(
          format: "%-22@ %8.1f %11.1f %8.1f %15.0f %% %10.0f %% %5.2f", name as NSString, row.travelWeek,
          row.travelDayByDay, row.extraTravelPercent, row.oneCarerWeek * 100, row.oneCarerDayByDay * 100,
          row.cocWeek))
    }
    if !json && !extras.isEmpty {
      print(
        String(
          format: "mean extra travel for the consistent week %.1f %% over %d instances (no best known in the data)",
          extras.reduce(0, +) / Double(extras.count), extras.count))
    }
  }
}
