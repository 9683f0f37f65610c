// The Netzwerk's layout: a force simulation (d3-force) of the initiatives that cooperate, run to rest at
// once (no animation), positions scaled into 0…1. d3-force starts from a fixed phyllotaxis arrangement
// and a seeded random source, so the same cooperations always give the same picture. Loaded only on
// the Netzwerk tab.
import {
  forceCenter,
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  forceX,
  forceY
} from 'd3-force';
import type { SimulationLinkDatum, SimulationNodeDatum } from 'd3-force';

export interface LayoutNode extends SimulationNodeDatum {
  id: string;
}

export function layoutNetwork(
  ids: readonly string[],
  edges: readonly { a: string; b: string }[]
): Map<string, { x: number; y: number }> {
  const nodes: LayoutNode[] = ids.map((id) => ({ id }));
  const links: SimulationLinkDatum<LayoutNode>[] = edges.map((e) => ({ source: e.a, target: e.b }));
  const sim = forceSimulation(nodes)
    .force(
      'link',
      forceLink<LayoutNode, SimulationLinkDatum<LayoutNode>>(links)
        .id((n) => n.id)
        .distance(60)
    )
    .force('charge', forceManyBody().strength(-220))
    .force('collide', forceCollide(28))
    .force('x', forceX(0).strength(0.06))
    .force('y', forceY(0).strength(0.09))
    .force('center', forceCenter(0, 0))
    .stop();
  sim.tick(Math.min(400, 120 + nodes.length * 2));
  const out = new Map<string, { x: number; y: number }>();
  if (nodes.length === 0) return out;
  const xs = nodes.map((n) => n.x ?? 0);
  const ys = nodes.map((n) => n.y ?? 0);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = (v: number, lo: number, hi: number) => (hi - lo < 1e-6 ? 0.5 : (v - lo) / (hi - lo));
  for (const n of nodes) out.set(n.id, { x: scale(n.x ?? 0, x0, x1), y: scale(n.y ?? 0, y0, y1) });
  return out;
}
