// Loads an eventgraph Cytoscape.js export with the real `cytoscape` package (headless) and
// prints, for every node, what it leads to along edges (successors: what it answers, "up")
// and what leads to it (predecessors: what answers it, "down"), plus the node and edge data
// as Cytoscape holds them. Usage: node cytoscape_chain.js story.cyjs
'use strict';
const fs = require('fs');
const path = require('path');
const cytoscape = require(path.join(__dirname, '..', 'js', 'node_modules', 'cytoscape'));

const doc = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const cy = cytoscape({headless: true, elements: doc.elements, data: doc.data});
const out = {title: cy.data('title'), nodes: {}, edges: []};
cy.nodes().forEach((n) => {
  out.nodes[n.id()] = {
    data: n.data(),
    up: n.successors('node').map((m) => m.id()).sort(),
    down: n.predecessors('node').map((m) => m.id()).sort(),
  };
});
cy.edges().forEach((e) => {
  out.edges.push({id: e.id(), source: e.source().id(), target: e.target().id(),
                  relation: e.data('relation'), response: e.data('response')});
});
process.stdout.write(JSON.stringify(out));
