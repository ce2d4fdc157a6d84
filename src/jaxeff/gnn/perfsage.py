"""PerfSAGE: GraphSAGE performance predictor over TFLite op graphs.

"PerfSAGE: Generalized Inference Performance Predictor for Arbitrary Deep Learning
Models on Edge Devices" (Chai et al., arXiv 2301.10999); public code
ARM-software/perfsage (``supervised_models.py``, ``aggregators.py``). GraphSAGE:
Hamilton et al., arXiv 1706.02216. Spec perfsage.md §2.2:

    h0_v = [x_v || E[c_v]]                      E ~ N(0, 1), 32-d
    h^l_v = s_l([h^{l-1}_v W^l_s || mean_{u in N(v)} h^{l-1}_u W^l_n])   l = 1, 2
    z_v = h2_v / ||h2_v||_2 ;  g = (1 / 200) sum_v z_v ;  y = g W_o + b_o   (T heads)

N(v) = successors (consumers); a graph built with ``direction="reverse"`` sends
messages consumer -> producer so the mean at receivers is over successors; sinks
get zeros. ``log_output=True`` predicts ``exp(g W_o + b_o)`` (our deviation [U]:
labels span four decades); ``False`` is the paper's linear readout.
Loss: MAPE (:func:`mape_loss`), or with the exp readout the log-ratio surrogate
:func:`log_l1_loss` (default in ``fit``: MAPE with exp overflowed to NaN on our
data); padding graphs masked.

``readout="additive"`` (our deviation [U], not in the paper): every node predicts a
positive contribution ``exp(u_v)`` per target from ``[h2_v || h0_v]`` (an MLP; h2 not
normalised, so the node's own MACs/bytes keep their magnitude), and the graph value is
the soft sum ``(1/beta) log sum_v exp(beta u_v)`` in log space, with a learnable
per-target sharpness ``beta >= 1`` (beta = 1: a plain sum, right for latency and
energy, which add over operators; large beta: a max, right for peak memory). This is
the nn-Meter additivity prior with GraphSAGE context per node.
"""

from __future__ import annotations

import flax.linen as nn
import jax
import jax.numpy as jnp
import jraph

from jaxeff.gnn.graph import INPUT_CATEGORY, NUM_CATEGORIES


def sage_layer(w_self: nn.Module, w_neigh: nn.Module, activation) -> callable:
    """GraphSAGE-mean layer as a jraph-style ``graph -> graph`` closure."""

    def apply(graph: jraph.GraphsTuple) -> jraph.GraphsTuple:
        h = graph.nodes["h"]
        n = h.shape[0]
        neigh = jraph.segment_mean(w_neigh(h)[graph.senders], graph.receivers, n)
        out = activation(jnp.concatenate([w_self(h), neigh], axis=-1))
        return graph._replace(nodes={**graph.nodes, "h": out})

    return apply


def node_graph_index(graph: jraph.GraphsTuple) -> jax.Array:
    """Graph index of every node ``[N] int32`` (static total length)."""
    n_graph = graph.n_node.shape[0]
    return jnp.repeat(
        jnp.arange(n_graph),
        graph.n_node,
        total_repeat_length=graph.nodes["cat"].shape[0],
    )


class PerfSAGE(nn.Module):
    """PerfSAGE GNN: ``graph -> [n_graph, num_targets]`` predictions.

    ``graph.nodes = {"x": [N, F] float32 (scaled), "cat": [N] int32}``.
    """

    num_targets: int
    hidden: int = 128
    embed_dim: int = 32
    num_categories: int = NUM_CATEGORIES
    readout_slots: int = 200
    log_output: bool = True
    readout: str = "paper"  # "paper" | "additive" (our deviation [U], see module doc)
    # additive only: soft cap of each node's log-contribution per target,
    # u <- c - softplus(c - u) (our deviation [U]; fit sets c = log max training label)
    node_cap: tuple[float, ...] | None = None
    # prior variant (issue 22, ours [U]): per node category and target (lo, hi)
    # ([num_categories + 1][T][2]); the learnt residual on the node prior is
    # soft-clamped into its category's range, r <- c + h tanh((r - c) / h)
    residual_range: tuple[tuple[tuple[float, float], ...], ...] | None = None

    @nn.compact
    def __call__(self, graph: jraph.GraphsTuple, log_space: bool = False,
                 with_nodes: bool = False):
        """Predictions ``[n_graph, T]``; ``log_space``: the head's pre-exp value.
        ``with_nodes`` (additive readout): also return the per-node log contributions
        ``u [N, T]`` (node-level supervision, :func:`node_l1_loss`)."""
        emb = self.param(
            "embed",
            nn.initializers.normal(1.0),
            (self.num_categories + 1, self.embed_dim),
        )
        h0 = jnp.concatenate([graph.nodes["x"], emb[graph.nodes["cat"]]], axis=-1)
        g = graph._replace(nodes={**graph.nodes, "h": h0})
        dense = lambda name: nn.Dense(
            self.hidden,
            use_bias=False,
            kernel_init=nn.initializers.glorot_uniform(),
            name=name,
        )
        g = sage_layer(dense("self_1"), dense("neigh_1"), jax.nn.relu)(g)
        g = sage_layer(dense("self_2"), dense("neigh_2"), lambda x: x)(g)
        h = g.nodes["h"]
        if self.readout == "additive":
            return self._additive(graph, jnp.concatenate([h, h0], axis=-1), log_space,
                                  with_nodes)
        if self.readout != "paper":
            raise ValueError(f"readout must be 'paper' or 'additive', got {self.readout!r}")
        z = h / jnp.maximum(jnp.linalg.norm(h, axis=-1, keepdims=True), 1e-12)
        pooled = (
            jax.ops.segment_sum(z, node_graph_index(graph), graph.n_node.shape[0])
            / self.readout_slots
        )
        y = nn.Dense(self.num_targets, name="head")(pooled)
        if log_space:
            return y
        return jnp.exp(y) if self.log_output else y

    def _additive(self, graph: jraph.GraphsTuple, h: jax.Array, log_space: bool,
                  with_nodes: bool = False):
        """Soft sum of per-node positive contributions (log space), see module doc."""
        if not self.log_output:
            raise ValueError("readout='additive' predicts in log space: needs log_output=True")
        u = nn.Dense(self.hidden, name="node_mlp")(h)
        u = nn.Dense(self.num_targets, name="head")(jax.nn.relu(u))  # [N, T]
        if self.residual_range is not None:
            rr = jnp.asarray(self.residual_range, u.dtype)[graph.nodes["cat"]]  # [N, T, 2]
            c, h = (rr[..., 0] + rr[..., 1]) / 2, (rr[..., 1] - rr[..., 0]) / 2
            u = c + h * jnp.tanh((u - c) / h)
        if "prior" in graph.nodes:  # residual on a per-node log prior (FitConfig.prior)
            u = u + graph.nodes["prior"]
        if self.node_cap is not None:
            cap = jnp.asarray(self.node_cap, u.dtype)
            u = cap - jax.nn.softplus(cap - u)
        # sharpness beta = 1 + softplus(rho) >= 1, rho init so that beta ~= 1.01
        rho = self.param("sharpness", nn.initializers.constant(-4.6), (self.num_targets,))
        beta = 1.0 + jax.nn.softplus(rho)
        seg = node_graph_index(graph)
        n_graph = graph.n_node.shape[0]
        bu = beta * u
        m = jax.ops.segment_max(bu, seg, n_graph)
        m = jnp.where(jnp.isfinite(m), m, 0.0)  # graphs with no nodes
        ssum = jax.ops.segment_sum(jnp.exp(bu - m[seg]), seg, n_graph)
        y = (m + jnp.log(jnp.maximum(ssum, 1e-30))) / beta
        y = y if log_space else jnp.exp(y)
        return (y, u) if with_nodes else y


def mape_loss(pred: jax.Array, target: jax.Array, mask: jax.Array) -> jax.Array:
    """Mean over real graphs and targets of |y_hat - y| / y (spec §2.2).

    ``pred``/``target`` ``[G, T]``; ``mask`` ``[G]`` bool (False = padding graph).
    """
    safe = jnp.where(mask[:, None], target, 1.0)
    err = jnp.abs(pred - safe) / jnp.abs(safe)
    w = jnp.broadcast_to(mask[:, None], err.shape).astype(err.dtype)
    return jnp.sum(err * w) / jnp.maximum(jnp.sum(w), 1.0)


def node_l1_loss(u: jax.Array, node_y: jax.Array, graph: jraph.GraphsTuple,
                 supervised: jax.Array, floor: jax.Array | None = None) -> jax.Array:
    """Node-level loss (issue 22, our addition [U]), for the targets with
    ``supervised [T]`` True: the mean over labelled nodes (``c_v > 0``) of
    ``|u_v - log c_v|`` (each operator's relative error, as nn-Meter's per-kernel
    predictors are fit), plus, per graph, ``sum_{v: c_v = 0} exp(u_v) / sum_v c_v``
    (the share of the graph total given to nodes whose label is 0: input nodes and
    operators Vela fuses or skips), averaged over real graphs.

    ``u [N, T]`` node log contributions, ``node_y [N, T]`` per-node labels (Vela
    per-layer cycles in ms). ``floor [T]`` (session 23, ours [U]; > 0 where used): an
    *operator* node (not an input node) whose label is 0 also joins the mean, with
    target ``floor`` (one cycle), so a context-dependent zero (a CONCATENATION its
    producers write in place, an activation Vela fuses) pulls as hard as a labelled
    node instead of only through its small share of the total."""
    seg = node_graph_index(graph)
    n_graph = graph.n_node.shape[0]
    real = jraph.get_graph_padding_mask(graph)
    tot = jax.ops.segment_sum(node_y, seg, n_graph)
    gmask = real[:, None] & supervised[None, :] & (tot > 0)  # [G, T]
    pos = (node_y > 0) & gmask[seg]
    want = node_y
    if floor is not None:  # operators labelled 0 fit log(floor) as well
        op = (graph.nodes["cat"] != INPUT_CATEGORY)[:, None] & (floor > 0)[None, :]
        zop = (node_y <= 0) & gmask[seg] & op
        pos = pos | zop
        want = jnp.where(zop, jnp.broadcast_to(floor, node_y.shape), node_y)
    lab = jnp.where(pos, jnp.abs(u - jnp.log(jnp.where(pos, want, 1.0))), 0.0)
    zero = jnp.where((node_y <= 0) & gmask[seg], jnp.exp(jnp.minimum(u, 30.0)), 0.0)
    share = jax.ops.segment_sum(zero, seg, n_graph) / jnp.where(gmask, tot, 1.0)
    return (jnp.sum(lab) / jnp.maximum(jnp.sum(pos), 1.0)
            + jnp.sum(jnp.where(gmask, share, 0.0)) / jnp.maximum(jnp.sum(gmask), 1.0))


def log_l1_loss(log_pred: jax.Array, target: jax.Array, mask: jax.Array) -> jax.Array:
    """Mean |log y_hat - log y| over real graphs (a bounded-gradient MAPE surrogate;
    |log r| ~ |r - 1| for small errors). Our deviation from the paper's MAPE [U]."""
    safe = jnp.where(mask[:, None], target, 1.0)
    err = jnp.abs(log_pred - jnp.log(safe))
    w = jnp.broadcast_to(mask[:, None], err.shape).astype(err.dtype)
    return jnp.sum(err * w) / jnp.maximum(jnp.sum(w), 1.0)
