import Foundation

/// Reads the text format of Mankowska, Meisel & Bierwirth (2014): a keyword line, then its values.
/// Node 0 is the start depot, the last node the end depot; the others are people.
public enum MankowskaReader {
  static let keywords: Set<String> = [
    "nbNodes", "nbVehi", "nbServi", "r", "DS", "a", "x", "y", "d", "p", "mind", "maxd", "e", "l",
  ]

  public static func read(text: String, file: String) throws -> RotaProblem {
    let sections = try split(text, file: file)
    func fail(_ key: String, _ message: String) -> InstanceError {
      InstanceError(file: file, location: "section \(key) (line \(sections[key]?.line ?? 0))", message: message)
    }
    func values(_ key: String) throws -> [[Double]] {
      guard let section = sections[key] else {
        throw InstanceError(file: file, location: "section \(key)", message: "missing")
      }
      return section.rows
    }
    func count(_ key: String) throws -> Int {
      let rows = try values(key)
      guard rows.count == 1, rows[0].count == 1, let n = Int(exactly: rows[0][0]), n > 0 else {
        throw fail(key, "expected one positive whole number")
      }
      return n
    }
    func matrix(_ key: String, rows: Int, columns: Int) throws -> [[Double]] {
      let m = try values(key)
      guard m.count == rows else {
        throw fail(key, "expected \(rows) rows, found \(m.count)")
      }
      for (i, row) in m.enumerated() where row.count != columns {
        throw fail(key, "row \(i + 1) has \(row.count) values, expected \(columns)")
      }
      return m
    }
    func vector(_ key: String, length: Int) throws -> [Double] {
      let flat = try values(key).flatMap { $0 }
      guard flat.count == length else { throw fail(key, "expected \(length) values, found \(flat.count)") }
      return flat
    }

    let nodes = try count("nbNodes")
    let carerCount = try count("nbVehi")
    let skills = try count("nbServi")
    guard nodes >= 3 else { throw fail("nbNodes", "needs a start depot, an end depot and at least one person") }
    let r = try matrix("r", rows: nodes, columns: skills)
    let a = try matrix("a", rows: carerCount, columns: skills)
    let d = try matrix("d", rows: nodes, columns: nodes)
    // p has one row per node and carer, node by node; published methods use each node's first row.
    let p = try matrix("p", rows: nodes * carerCount, columns: skills)
    let mind = try vector("mind", length: nodes)
    let maxd = try vector("maxd", length: nodes)
    let e = try vector("e", length: nodes)
    let l = try vector("l", length: nodes)
    // DS counts nodes from 1 (the start depot is 1), so node i is listed as i + 1.
    let doubles = Set(try values("DS").flatMap { $0 }.map { Int($0) - 1 })

    if let bad = d.joined().first(where: { $0 < 0 || !$0.isFinite }) {
      throw fail("d", "travel time \(bad) is negative")
    }
    if let bad = p.joined().first(where: { $0 < 0 || !$0.isFinite }) { throw fail("p", "duration \(bad) is negative") }

    let carers = (0..<carerCount).map { v in
      RotaProblem.Carer(
        name: "c\(v + 1)", skills: Set((0..<skills).filter { a[v][$0] == 1 }), startNode: 0, endNode: nodes - 1)
    }
    var services: [RotaProblem.Service] = []
    var syncs: [RotaProblem.Sync] = []
    for node in 1..<(nodes - 1) {
      let needed = (0..<skills).filter { r[node][$0] == 1 }
      guard (1...2).contains(needed.count) else {
        throw fail("r", "person \(node) needs \(needed.count) services; 1 or 2 are allowed")
      }
      guard (needed.count == 2) == doubles.contains(node) else {
        throw fail("DS", "person \(node) needs \(needed.count) services but DS says otherwise")
      }
      guard mind[node] <= maxd[node] else { throw fail("mind", "person \(node): mind is above maxd") }
      guard e[node] <= l[node] else { throw fail("e", "person \(node): the window opens after it closes") }
      for skill in needed {
        guard carers.contains(where: { $0.skills.contains(skill) }) else {
          throw fail("a", "nobody may do service s\(skill + 1) that person \(node) needs")
        }
        services.append(
          .init(
            person: node - 1, node: node, skill: skill, duration: p[node * carerCount][skill], earliest: e[node],
            latest: l[node]))
      }
      if needed.count == 2 {
        syncs.append(
          .init(first: services.count - 2, second: services.count - 1, minGap: mind[node], maxGap: maxd[node]))
      }
    }
    return RotaProblem(
      name: file, services: services, carers: carers, travel: d, syncs: syncs,
      personIDs: (1..<(nodes - 1)).map { "p\($0)" }, skillIDs: (1...skills).map { "s\($0)" })
  }

  struct Section {
    let line: Int
    var rows: [[Double]]
  }

  /// Splits the text into keyword sections of numeric rows, naming the line of anything unreadable.
  static func split(_ text: String, file: String) throws -> [String: Section] {
    var sections: [String: Section] = [:]
    var current: String?
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
      if line.isEmpty { continue }
      if keywords.contains(line) {
        current = line
        sections[line] = Section(line: index + 1, rows: [])
        continue
      }
      guard let key = current else {
        throw InstanceError(file: file, location: "line \(index + 1)", message: "values before any section keyword")
      }
      var row: [Double] = []
      for token in line.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
        guard let value = Double(token) else {
          throw InstanceError(file: file, location: "line \(index + 1)", message: "'\(token)' is not a number")
        }
        row.append(value)
      }
      sections[key]!.rows.append(row)
    }
    return sections
  }
}
