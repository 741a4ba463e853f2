import Foundation

/// Reads consistent-VRP instances (Groër, Golden & Wasil 2009, TSPLIB style): customers with a demand
/// on each day (-1: no visit), vehicle capacity, a maximum route length, Euclidean travel, a service time.
/// Each vehicle is a carer working every day; there are no skills or time windows.
public enum ConVRPReader {
  public static func read(text: String, file: String) throws -> RotaProblem {
    var header: [String: String] = [:]
    var sections: [String: [[Double]]] = [:]
    var current: String?
    for (index, raw) in text.components(separatedBy: "\n").enumerated() {
      let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
      if line.isEmpty || line == "EOF" { continue }
      if line.hasSuffix("_SECTION") {
        current = line
        sections[line] = []
      } else if let colon = line.firstIndex(of: ":"), current == nil {
        header[String(line[..<colon]).trimmingCharacters(in: .whitespaces)] =
          String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
      } else if let key = current {
        var row: [Double] = []
        for token in line.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
          guard let value = Double(token) else {
            throw InstanceError(file: file, location: "line \(index + 1)", message: "'\(token)' is not a number")
          }
          row.append(value)
        }
        sections[key]!.append(row)
      } else {
        throw InstanceError(file: file, location: "line \(index + 1)", message: "expected KEY: value or a section")
      }
    }
    func number(_ key: String) throws -> Double {
      guard let text = header[key], let value = Double(text), value > 0 else {
        throw InstanceError(file: file, location: key, message: "missing or not a positive number")
      }
      return value
    }
    func section(_ key: String) throws -> [[Double]] {
      guard let rows = sections[key], !rows.isEmpty else {
        throw InstanceError(file: file, location: key, message: "missing")
      }
      return rows
    }
    let days = Int(try number("NUM_DAYS"))
    let capacity = try number("CAPACITY")
    let maxDuration = try number("DISTANCE")
    let coordinates = try section("NODE_COORD_SECTION")
    let demands = try section("DEMAND_SECTION")
    let depot = try section("DEPOT_SECTION")[0]
    guard depot.count >= 2 else { throw InstanceError(file: file, location: "DEPOT_SECTION", message: "expected x y") }
    guard coordinates.allSatisfy({ $0.count == 3 }) else {
      throw InstanceError(file: file, location: "NODE_COORD_SECTION", message: "expected id x y on each row")
    }
    guard demands.count == coordinates.count, demands.allSatisfy({ $0.count == days + 1 }) else {
      throw InstanceError(
        file: file, location: "DEMAND_SECTION",
        message: "expected id and \(days) demands for each of \(coordinates.count) customers")
    }
    let serviceTimes =
      sections["SVC_TIME_SECTION"]?.map { $0.last ?? 1 } ?? Array(repeating: 1, count: coordinates.count)
    guard serviceTimes.count == coordinates.count else {
      throw InstanceError(file: file, location: "SVC_TIME_SECTION", message: "expected one time per customer")
    }
    // Node 0 is the depot; customer i is node i + 1.
    let points = [(depot[0], depot[1])] + coordinates.map { ($0[1], $0[2]) }
    let travel = points.map { a in
      points.map { b in ((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1)).squareRoot() }
    }
    var services: [RotaProblem.Service] = []
    var dayDemand = [Double](repeating: 0, count: days)
    var dayVisits = [Int](repeating: 0, count: days)
    for (i, row) in demands.enumerated() {
      for d in 0..<days where row[d + 1] >= 0 {
        guard row[d + 1] <= capacity else {
          throw InstanceError(file: file, location: "DEMAND_SECTION row \(i + 1)", message: "demand over the capacity")
        }
        var service = RotaProblem.Service(
          person: i, node: i + 1, skill: 0, duration: serviceTimes[i], earliest: 0, latest: .greatestFiniteMagnitude)
        service.day = d
        service.demand = row[d + 1]
        services.append(service)
        dayDemand[d] += row[d + 1]
        dayVisits[d] += 1
      }
    }
    // Enough vehicles that a first plan always fits; unused ones cost nothing.
    let limited = maxDuration < 1e6
    let vehicles =
      limited
      ? (dayVisits.max() ?? 1) : 2 * Int((dayDemand.max() ?? 0) / capacity) + 2
    let carers = (0..<vehicles).map { RotaProblem.Carer(name: "v\($0 + 1)", skills: [0], startNode: 0, endNode: 0) }
    var problem = RotaProblem(
      name: file, services: services, carers: carers, travel: travel, syncs: [],
      personIDs: demands.map { "c\(Int($0[0]))" }, skillIDs: ["visit"])
    problem.shifts = (0..<days).flatMap { d in
      carers.indices.map {
        RotaProblem.Shift(carer: $0, day: d, startNode: 0, endNode: 0, capacity: capacity, maxDuration: maxDuration)
      }
    }
    return problem
  }
}
