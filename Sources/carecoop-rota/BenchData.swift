import ArgumentParser
import Foundation

/// Where `bench` finds the public benchmark sets: `--data DIR`, else `$CARECOOP_ROTA_DATA`. They are not in
/// the repository (only the few files the tests read are, under Tests/RotaTests/Fixtures); when a set is
/// missing the error says where it comes from.
enum BenchData {
  static let variable = "CARECOOP_ROTA_DATA"

  /// The public source of each set, as the README's "Benchmark data" section names it.
  static let sources: [String: String] = [
    "mankowska2014":
      "Mankowska et al. (2014), as republished in GitHub afkummer/gecco2020-brkga (instances-HHCRSP), with a best_known.csv column best_known_min",
    "solomon": "Solomon's VRPTW set with BKS_vroom-scripts.json, from GitHub VROOM-Project/vroom-scripts",
    "uhhc": "UHHC instances, solutions/ and SA_log.csv, from GitHub iolab-uniud/uhhc",
    "convrp/convrp-0-7": "ConVRP (Groër, Golden & Wasil 2009) Christofides p=0.7 weeks, from GitHub davsza/vrp",
  ]

  /// `root/set`, checked to hold `needs`; else a usage error naming what is missing and where to get it.
  static func folder(
    _ option: String?, _ set: String, needs file: String,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> String {
    guard let root = option ?? environment[variable], !root.isEmpty else {
      throw ValidationError(
        "No benchmark data: pass --data DIR or set \(variable) to a folder holding \(set)/ (\(sources[set] ?? set)).")
    }
    let folder = (root as NSString).appendingPathComponent(set)
    let needed = (folder as NSString).appendingPathComponent(file)
    guard FileManager.default.fileExists(atPath: needed) else {
      throw ValidationError("\(needed) is missing: \(folder) should hold \(sources[set] ?? set).")
    }
    return folder
  }
}
