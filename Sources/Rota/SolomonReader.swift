import Foundation

/// Reads Solomon's VRPTW instances (1987): a depot, customers with demand, a time window and a service
/// time; identical vehicles with a capacity. Windows are hard (a visit may start at its due date, not
/// after), travel time is the Euclidean distance unrounded, and each route must be back by the depot's
/// due date. The objective is then travel alone, as in the distance-only best known results.
public enum SolomonReader {
  public static func read(text: String, file: String) throws -> RotaProblem {
    let lines = text.split(whereSeparator: \.isNewline).map { $0.split(whereSeparator: \.isWhitespace) }
    func fail(_ line: Int, _ message: String) -> InstanceError {
      InstanceError(file: file, location: "line \(line + 1)", message: message)
    }
    guard let vehicleAt = lines.firstIndex(where: { $0.first?.uppercased() == "VEHICLE" }) else {
      throw InstanceError(file: file, location: "VEHICLE", message: "missing section")
    }
    guard let fleetAt = lines[vehicleAt...].firstIndex(where: { $0.count == 2 && Int($0[0]) != nil }),
      let count = Int(lines[fleetAt][0]), let capacity = Double(lines[fleetAt][1]), count > 0, capacity > 0
    else { throw InstanceError(file: file, location: "VEHICLE", message: "expected NUMBER and CAPACITY") }
    guard let customerAt = lines.firstIndex(where: { $0.first?.uppercased() == "CUSTOMER" }) else {
      throw InstanceError(file: file, location: "CUSTOMER", message: "missing section")
    }
    var rows: [(number: Int, x: Double, y: Double, demand: Double, ready: Double, due: Double, service: Double)] = []
    for i in (customerAt + 1)..<lines.count where !lines[i].isEmpty && Int(lines[i][0]) != nil {
      let fields = lines[i].compactMap { Double($0) }
      guard fields.count == 7, fields.count == lines[i].count else { throw fail(i, "expected 7 numbers") }
      guard fields[3] >= 0, fields[6] >= 0 else { throw fail(i, "demand and service time must not be negative") }
      guard fields[4] <= fields[5] else { throw fail(i, "ready time is after the due date") }
      guard fields[3] <= capacity else { throw fail(i, "demand is more than a vehicle carries") }
      rows.append((Int(fields[0]), fields[1], fields[2], fields[3], fields[4], fields[5], fields[6]))
    }
    guard rows.count >= 2, rows[0].number == 0 else {
      throw InstanceError(file: file, location: "CUSTOMER", message: "expected the depot (0) and customers")
    }
    let travel = rows.map { a in rows.map { b in ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot() }
    }
    let depot = rows[0]
    var services: [RotaProblem.Service] = []
    for (i, row) in rows.enumerated().dropFirst() {
      guard travel[0][i] <= row.due else {
        throw InstanceError(
          file: file, location: "customer \(row.number)", message: "cannot be reached by its due date")
      }
      var service = RotaProblem.Service(
        person: i - 1, node: i, skill: 0, duration: row.service, earliest: row.ready, latest: row.due)
      service.demand = row.demand
      service.deadline = row.due
      services.append(service)
    }
    let carers = (0..<count).map { RotaProblem.Carer(name: "v\($0 + 1)", skills: [0], startNode: 0, endNode: 0) }
    var problem = RotaProblem(
      name: file, services: services, carers: carers, travel: travel, syncs: [],
      personIDs: rows.dropFirst().map { String($0.number) }, skillIDs: ["visit"])
    problem.shifts = problem.shifts.map {
      var shift = $0
      shift.capacity = capacity
      shift.maxDuration = depot.due
      return shift
    }
    return problem
  }
}
