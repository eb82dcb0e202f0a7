package io.coffer.datarooms.internal;

import static io.coffer.datarooms.Permission.DOWNLOAD;
import static io.coffer.datarooms.Permission.MANAGE;
import static io.coffer.datarooms.Permission.NONE;
import static io.coffer.datarooms.Permission.UPLOAD;
import static io.coffer.datarooms.Permission.VIEW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coffer.datarooms.Permission;
import io.coffer.datarooms.internal.PermissionRules.PathGrant;
import io.coffer.datarooms.internal.PermissionRules.Placed;
import io.coffer.identity.Role;
import io.coffer.shared.error.ForbiddenException;
import io.coffer.shared.error.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The permission rules as named policies, one test per rule (docs/features/permissions.md, PERM-*). */
class PermissionRulesTest {
    static final UUID ALICE = UUID.randomUUID();
    static final UUID SALES = UUID.randomUUID();

    static PathGrant user(int depth, Permission p) {
        return new PathGrant("USER", ALICE, depth, p);
    }

    static PathGrant group(int depth, Permission p) {
        return new PathGrant("GROUP", SALES, depth, p);
    }

    static Permission effective(List<PathGrant> path) {
        return PermissionRules.highestOverPrincipals(PermissionRules.nearestGrantPerPrincipal(path).values());
    }

    @Test
    void perm1_ownersAndAdminsManageEverythingMembersDependOnGrants() {
        assertEquals(Optional.of(MANAGE), PermissionRules.tenantAdminsManageEverything(Role.OWNER));
        assertEquals(Optional.of(MANAGE), PermissionRules.tenantAdminsManageEverything(Role.ADMIN));
        assertEquals(Optional.empty(), PermissionRules.tenantAdminsManageEverything(Role.MEMBER));
    }

    @Test
    void perm2_aGrantAppliesBelowItsFolderAndTheNearestGrantOfAPrincipalOverridesEvenDownward() {
        assertEquals(VIEW, effective(List.of(user(Integer.MAX_VALUE, VIEW))), "a room grant reaches every item");
        assertEquals(DOWNLOAD, effective(List.of(user(3, DOWNLOAD))), "a folder grant reaches deep items");
        assertEquals(VIEW, effective(List.of(user(Integer.MAX_VALUE, MANAGE), user(1, VIEW))), "deeper lowers");
        assertEquals(NONE, effective(List.of(user(Integer.MAX_VALUE, MANAGE), user(0, NONE))), "NONE hides");
        assertEquals(MANAGE, effective(List.of(user(2, NONE), user(0, MANAGE))), "deeper raises");
        assertEquals(NONE, effective(List.of()), "no grant, nothing");
    }

    @Test
    void perm3_theEffectiveLevelIsTheHighestOverOwnAndGroupGrants() {
        assertEquals(UPLOAD, effective(List.of(user(0, VIEW), group(Integer.MAX_VALUE, UPLOAD))));
        assertEquals(VIEW, effective(List.of(user(0, NONE), group(5, VIEW))),
                "a user's own NONE does not cancel what a group gives (the override is per principal)");
        assertEquals(NONE, PermissionRules.highestOverPrincipals(List.of()));
    }

    @Test
    void perm4_archivedRoomsDeletedItemsAndGoneUsersServeNothing() {
        assertTrue(PermissionRules.served(false, false, true));
        assertFalse(PermissionRules.served(true, false, true));
        assertFalse(PermissionRules.served(false, true, true));
        assertFalse(PermissionRules.served(false, false, false));
    }

    @Test
    void perm5_belowViewIsNotFoundBelowTheNeededLevelIsForbidden() {
        assertThrows(NotFoundException.class, () -> PermissionRules.require(NONE, VIEW));
        assertThrows(NotFoundException.class, () -> PermissionRules.require(NONE, MANAGE));
        assertThrows(ForbiddenException.class, () -> PermissionRules.require(VIEW, DOWNLOAD));
        assertEquals(UPLOAD, PermissionRules.require(UPLOAD, DOWNLOAD));
    }

    @Test
    void perm6_aRoomIsSeenWithViewOnItOrOnAnythingInIt() {
        assertTrue(PermissionRules.roomVisible(VIEW, false));
        assertTrue(PermissionRules.roomVisible(NONE, true));
        assertFalse(PermissionRules.roomVisible(NONE, false));
    }

    @Test
    void perm7_theTreeShowsOnlyVisibleItemsUnderTheirNearestVisibleAncestor() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID doc = UUID.randomUUID();
        UUID hiddenDoc = UUID.randomUUID();
        List<Placed> items = List.of(new Placed(a, null, "FOLDER", "A", 1, NONE),
                new Placed(b, a, "FOLDER", "B", 1, VIEW),
                new Placed(doc, b, "DOCUMENT", "d.pdf", 1, VIEW),
                new Placed(hiddenDoc, a, "DOCUMENT", "secret.pdf", 2, NONE));
        Map<UUID, UUID> placement = PermissionRules.treePlacement(items);
        assertEquals(2, placement.size(), "only B and d.pdf are shown");
        assertTrue(placement.containsKey(b));
        assertNull(placement.get(b), "B is shown at the top: hidden A's name never appears");
        assertEquals(b, placement.get(doc));
        assertEquals(List.of(b), PermissionRules.shownChildren(items, placement, null).stream().map(Placed::id)
                .toList());
    }

    @Test
    void perm8_theCreatorOfARoomIsGrantedManage() {
        assertEquals(MANAGE, PermissionRules.creatorsGrant());
    }

    @Test
    void perm20_onBehalfOfSeveralUsersAnItemIsAtTheLowestOfTheirLevels() {
        assertEquals(VIEW, PermissionRules.lowestOverHolders(List.of(MANAGE, VIEW)));
        assertEquals(NONE, PermissionRules.lowestOverHolders(List.of(DOWNLOAD, NONE, MANAGE)));
        assertEquals(UPLOAD, PermissionRules.lowestOverHolders(List.of(UPLOAD)));
        assertEquals(NONE, PermissionRules.lowestOverHolders(List.of()), "nobody: nothing");
    }

    @Test
    void perm21_aSubtreeIsCutByTheRoomsRealStructureWhateverTheTreeShows() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        UUID doc = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        java.util.Map<UUID, UUID> parentOf = new java.util.HashMap<>();
        parentOf.put(a, null);
        parentOf.put(b, a);
        parentOf.put(c, b);
        parentOf.put(doc, c);
        parentOf.put(other, null);
        assertEquals(java.util.Set.of(a, b, c, doc), PermissionRules.atOrBelow(parentOf, List.of(a)));
        assertEquals(java.util.Set.of(c, doc), PermissionRules.atOrBelow(parentOf, List.of(c)));
        assertEquals(java.util.Set.of(), PermissionRules.atOrBelow(parentOf, List.of()));
        assertEquals(java.util.Set.of(), PermissionRules.atOrBelow(parentOf, List.of(UUID.randomUUID())));
        // a hoisted folder (c shown at the top because a and b are hidden from a user) is still below a
        List<Placed> placed = List.of(new Placed(a, null, "FOLDER", "A", 1, NONE),
                new Placed(b, a, "FOLDER", "B", 1, NONE), new Placed(c, b, "FOLDER", "C", 1, VIEW));
        assertNull(PermissionRules.treePlacement(placed).get(c), "PERM-7 shows c at the top");
        assertTrue(PermissionRules.atOrBelow(parentOf, List.of(a)).contains(c), "and cutting a still cuts it");
    }
}
