package concierge.messaging;

import static concierge.store.SqlTime.instant;

import concierge.ids.ClientId;
import concierge.ids.EnterpriseId;
import concierge.ids.Identifier;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * Placements of one table's rows, remembered in memory once read. A Cursor is the last item of the
 * page before, so a page walk finds its position here instead of in a second statement, and the
 * threads a caller keeps asking for are checked against its scope without the database. Nothing is
 * ever invalidated: a placement does not change (no statement updates these columns, and rows are
 * deleted only by the demo reset, which makes this instance forget them), so instances sharing a
 * database cannot disagree.
 */
final class JdbiPlacements<I extends Identifier> {

    /** Beyond this many, everything is forgotten and remembering starts afresh (at most about 15 MiB per table). */
    static final int CAPACITY = 50_000;

    private final Jdbi jdbi;
    private final String byIds;
    private final Function<UUID, I> id;
    private final ConcurrentHashMap<I, Placement<I>> known = new ConcurrentHashMap<>();

    /** {@code id} makes the table's kind of Id from its {@code id} column. */
    JdbiPlacements(Jdbi jdbi, String table, Function<UUID, I> id) {
        this.jdbi = jdbi;
        this.id = id;
        this.byIds = "SELECT id, created_utc, seq, client_id, enterprise_id FROM " + table + " WHERE id IN (<ids>)";
    }

    /** The placements of those {@code ids} that exist, from memory where known, else by primary key. */
    List<Placement<I>> find(List<I> ids) {
        List<Placement<I>> found = new ArrayList<>(ids.size());
        List<I> unknown = new ArrayList<>();
        for (I id : ids) {
            Placement<I> placement = known.get(id);
            if (placement != null) {
                found.add(placement);
            } else {
                unknown.add(id);
            }
        }
        if (!unknown.isEmpty()) {
            List<Placement<I>> read = jdbi.withHandle(handle -> handle.createQuery(byIds)
                    .bindList("ids", unknown)
                    .map((rs, ctx) -> read(rs))
                    .list());
            read.forEach(this::remember);
            found.addAll(read);
        }
        return found;
    }

    /** The placements of those {@code ids} that exist and that the scope sees (Placement.visibleIn). */
    List<Placement<I>> findVisible(List<I> ids, ThreadScope scope) {
        return find(ids).stream().filter(placement -> placement.visibleIn(scope)).toList();
    }

    /** Where the item stands, if it exists and the scope sees it. */
    Optional<KeysetPosition> position(I id, ThreadScope scope) {
        return findVisible(List.of(id), scope).stream().map(Placement::position).findFirst();
    }

    /** After a reset deleted rows: an Id may be written again with another placement. */
    void forgetAll() {
        known.clear();
    }

    void remember(Placement<I> placement) {
        if (known.size() >= CAPACITY) {
            known.clear();
        }
        known.put(placement.id(), placement);
    }

    /** An item of a page with its placement, read from the same row. */
    record Listed<T, I extends Identifier>(T item, Placement<I> placement) {
    }

    <T> Listed<T, I> listed(T item, ResultSet rs) throws SQLException {
        return new Listed<>(item, read(rs));
    }

    /** The page's items; the last one's placement is remembered: it is the next request's Cursor. */
    <T> List<T> rememberLast(List<Listed<T, I>> page) {
        if (!page.isEmpty()) {
            remember(page.getLast().placement());
        }
        return page.stream().map(Listed::item).toList();
    }

    /** A placement from a row that has the columns id, created_utc, seq, client_id and enterprise_id. */
    Placement<I> read(ResultSet rs) throws SQLException {
        return new Placement<>(id.apply(rs.getObject("id", UUID.class)),
                new KeysetPosition(instant(rs, "created_utc"), rs.getLong("seq")),
                new ClientId(rs.getObject("client_id", UUID.class)),
                new EnterpriseId(rs.getObject("enterprise_id", UUID.class)));
    }
}
