import { communityTables } from './community-schema.js';
import {
  AliasNode,
  BinaryOperationNode,
  ColumnNode,
  IdentifierNode,
  JoinNode,
  OperationNodeTransformer,
  OperatorNode,
  QueryNode,
  RawNode,
  ReferenceNode,
  TableNode,
  type DeleteQueryNode,
  type InsertQueryNode,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryId,
  type QueryResult,
  type RootOperationNode,
  type SelectQueryNode,
  type UnknownRow,
  type UpdateQueryNode,
} from 'kysely';
import { migrationTables, tenantExpr, widenedKeys } from './migrations.js';

/**
 * Tables that are not scoped by the plugin: the credential tables (the sign-in code finds a
 * session, and a calendar feed its account, by a secret before it knows the account, and scopes its lists by account itself) and
 * Kysely's bookkeeping. Every other table of the team schema is private to an account.
 */
export const unscopedTables = new Set<string>([
  'accounts',
  'sessions',
  'api_tokens',
  'auth_attempts',
  'passkeys',
  'passkey_challenges',
  // A calendar app's feed request names a token, not an account.
  'feed_tokens',
  // Shared by a community's members (docs/decisions/0021-communities.md): the use cases filter
  // them by membership and by the account themselves; row-level security does the same.
  ...communityTables,
  'shared_items',
  ...migrationTables,
]);

const scoped = (table: string): boolean => !unscopedTables.has(table);

/** The table a FROM or JOIN item names, and the name its columns are referred to by. */
function tableOf(node: OperationNode): { table: string; ref: string } | undefined {
  if (TableNode.is(node)) {
    const name = node.table.identifier.name;
    return { table: name, ref: name };
  }
  if (AliasNode.is(node) && TableNode.is(node.node) && IdentifierNode.is(node.alias))
    return { table: node.node.table.identifier.name, ref: node.alias.name };
  return undefined;
}

/** `<ref>.account_id = <current tenant>` */
const predicate = (ref: string): OperationNode =>
  BinaryOperationNode.create(
    ReferenceNode.create(ColumnNode.create('account_id'), TableNode.create(ref)),
    OperatorNode.create('='),
    RawNode.createWithSql(tenantExpr),
  );

/**
 * The second wall (docs/decisions/0019-teams.md): every SELECT, UPDATE and DELETE on a private
 * table gets `account_id = <tenant>` — in WHERE for FROM tables, in ON for joined ones (so a LEFT
 * JOIN stays one) — at any depth (subqueries too). Row-level security already filters; this
 * keeps the code honest should a policy ever be wrong, and lets the planner use the account
 * index. ON CONFLICT targets on keys widened per account gain `account_id` in front.
 */
class ScopeTransformer extends OperationNodeTransformer {
  protected override transformSelectQuery(node: SelectQueryNode, queryId?: QueryId): SelectQueryNode {
    let out = super.transformSelectQuery(node, queryId);
    for (const f of out.from?.froms ?? []) {
      const t = tableOf(f);
      if (t && scoped(t.table)) out = QueryNode.cloneWithWhere(out, predicate(t.ref));
    }
    return out.joins ? this.scopeJoins(out) : out;
  }

  protected override transformUpdateQuery(node: UpdateQueryNode, queryId?: QueryId): UpdateQueryNode {
    let out = super.transformUpdateQuery(node, queryId);
    const t = out.table ? tableOf(out.table) : undefined;
    if (t && scoped(t.table)) out = QueryNode.cloneWithWhere(out, predicate(t.ref));
    for (const f of out.from?.froms ?? []) {
      const ft = tableOf(f);
      if (ft && scoped(ft.table)) out = QueryNode.cloneWithWhere(out, predicate(ft.ref));
    }
    return out.joins ? this.scopeJoins(out) : out;
  }

  protected override transformDeleteQuery(node: DeleteQueryNode, queryId?: QueryId): DeleteQueryNode {
    let out = super.transformDeleteQuery(node, queryId);
    for (const f of out.from.froms) {
      const t = tableOf(f);
      if (t && scoped(t.table)) out = QueryNode.cloneWithWhere(out, predicate(t.ref));
    }
    return out.joins ? this.scopeJoins(out) : out;
  }

  protected override transformInsertQuery(node: InsertQueryNode, queryId?: QueryId): InsertQueryNode {
    const out = super.transformInsertQuery(node, queryId);
    const table = out.into?.table.identifier.name;
    const c = out.onConflict;
    if (table === undefined || c?.columns === undefined || !widenedKeys.has(table)) return out;
    if (c.columns.some((col) => col.column.name === 'account_id')) return out;
    return { ...out, onConflict: { ...c, columns: [ColumnNode.create('account_id'), ...c.columns] } };
  }

  private scopeJoins<T extends SelectQueryNode | UpdateQueryNode | DeleteQueryNode>(node: T): T {
    let out = node;
    const joins = (node.joins ?? []).map((j) => {
      const t = tableOf(j.table);
      if (!t || !scoped(t.table)) return j;
      if (j.on) return JoinNode.cloneWithOn(j, predicate(t.ref));
      out = QueryNode.cloneWithWhere(out, predicate(t.ref));
      return j;
    });
    return { ...out, joins };
  }
}

export class TenantScopePlugin implements KyselyPlugin {
  private readonly transformer = new ScopeTransformer();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node, args.queryId);
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}
