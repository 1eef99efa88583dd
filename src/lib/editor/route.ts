export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Route {
  path: string;
  /** Where the edge's label goes: the middle of its run. */
  label: Point;
}

/** Distance of a detour from the layers it passes, and of its bends from the handles. */
const CLEARANCE = 12;
const STUB = 22;
/** How far right of its source a target must start for the edge to run forwards. */
const MIN_AHEAD = 12;
const RADIUS = 10;
const SAMPLES = 24;

/**
 * The path of an edge from a source's right-hand handle to a target's left-hand handle that
 * crosses no layer (`obstacles` are all the layers' boxes, the edge's own two included). A plain curve when nothing is in its way; otherwise it runs in a lane
 * beside the layers it would cross, so a skip connection never hides under the chain it skips,
 * and an edge into the next wrapped row runs back along the gap between the rows.
 */
export function routeEdge(from: Point, to: Point, obstacles: readonly Box[]): Route {
  const ahead = to.x - from.x;
  if (ahead >= MIN_AHEAD) {
    const curve = bezier(from, to);
    // The ends touch the edge's own layers (the handles sit on their borders): only the run between counts.
    if (!curve.points.slice(2, -2).some((p) => obstacles.some((b) => inside(p, b)))) return { path: curve.path, label: curve.points[SAMPLES / 2] };
    // The bends sit in the gaps beside the two layers: half the gap when they are close.
    const stub = Math.min(STUB, ahead / 2);
    const x0 = from.x + stub;
    const x1 = to.x - stub;
    const above = clearLane(x0, x1, Math.min(from.y, to.y), -1, obstacles);
    const below = clearLane(x0, x1, Math.max(from.y, to.y), 1, obstacles);
    const detour = (y: number) => Math.abs(from.y - y) + Math.abs(to.y - y);
    return lane(from, to, detour(above) <= detour(below) ? above : below, stub);
  }
  // Backwards: into an earlier column of a later row (or of a row above, after a manual move).
  // The lane runs mid-way between the two rows, clear of the lanes skip connections take beside them.
  const x0 = to.x - STUB;
  const x1 = from.x + STUB;
  const down = to.y >= from.y;
  const nearTarget = clearLane(x0, x1, to.y, down ? -1 : 1, obstacles);
  const nearSource = clearLane(x0, x1, from.y, down ? 1 : -1, obstacles);
  const middle = (nearTarget + nearSource) / 2;
  const between = (down ? nearSource < nearTarget : nearSource > nearTarget) && clearLane(x0, x1, middle, 1, obstacles) === middle;
  return lane(from, to, between ? middle : nearTarget, STUB);
}

function inside(p: Point, b: Box): boolean {
  return p.x > b.x && p.x < b.x + b.width && p.y > b.y && p.y < b.y + b.height;
}

/** The first height from `start` in `direction` where a horizontal run over [x0, x1] clears every box by CLEARANCE. */
function clearLane(x0: number, x1: number, start: number, direction: 1 | -1, obstacles: readonly Box[]): number {
  const [left, right] = x0 < x1 ? [x0, x1] : [x1, x0];
  let y = start;
  for (let i = 0; i <= obstacles.length; i++) {
    const hits = obstacles.filter((b) => b.x < right && b.x + b.width > left && y >= b.y - CLEARANCE && y <= b.y + b.height + CLEARANCE);
    if (hits.length === 0) return y;
    y = direction < 0 ? Math.min(...hits.map((b) => b.y)) - CLEARANCE : Math.max(...hits.map((b) => b.y + b.height)) + CLEARANCE;
  }
  return y;
}

function bezier(from: Point, to: Point): { path: string; points: Point[] } {
  const d = Math.max(STUB, (to.x - from.x) / 2);
  const c1 = { x: from.x + d, y: from.y };
  const c2 = { x: to.x - d, y: to.y };
  const points = Array.from({ length: SAMPLES + 1 }, (_, i) => {
    const t = i / SAMPLES;
    const u = 1 - t;
    return {
      x: u * u * u * from.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t * t * t * to.x,
      y: u * u * u * from.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t * t * t * to.y,
    };
  });
  return { path: `M ${from.x},${from.y} C ${c1.x},${c1.y} ${c2.x},${c2.y} ${to.x},${to.y}`, points };
}

/** Out of the source, along a horizontal lane at `y`, into the target, with rounded corners `stub` right of the source and left of the target. */
function lane(from: Point, to: Point, y: number, stub: number): Route {
  const out = from.x + stub;
  const into = to.x - stub;
  const corners = [from, { x: out, y: from.y }, { x: out, y }, { x: into, y }, { x: into, y: to.y }, to];
  return { path: rounded(corners), label: { x: (out + into) / 2, y } };
}

/** A polyline through `points` whose corners are rounded (radius shrunk where a segment is short). */
function rounded(points: Point[]): string {
  let path = `M ${points[0].x},${points[0].y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const [a, b, c] = [points[i - 1], points[i], points[i + 1]];
    const r = Math.min(RADIUS, Math.hypot(b.x - a.x, b.y - a.y) / 2, Math.hypot(c.x - b.x, c.y - b.y) / 2);
    const towards = (p: Point, q: Point, len: number) => {
      const d = Math.hypot(q.x - p.x, q.y - p.y) || 1;
      return { x: p.x + ((q.x - p.x) * len) / d, y: p.y + ((q.y - p.y) * len) / d };
    };
    const enter = towards(b, a, r);
    const leave = towards(b, c, r);
    path += ` L ${enter.x},${enter.y} Q ${b.x},${b.y} ${leave.x},${leave.y}`;
  }
  const last = points[points.length - 1];
  return `${path} L ${last.x},${last.y}`;
}
