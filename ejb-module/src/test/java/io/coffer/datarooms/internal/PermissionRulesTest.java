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

    @Test
    void perm22_theDecidingGrantIsTheOneWhoseLevelCountsWithItsFolderAndPrincipal() {
        UUID folder = UUID.randomUUID();
        UUID deeper = UUID.randomUUID();
        PathGrant groupOnRoom = new PathGrant("GROUP", SALES, Integer.MAX_VALUE, VIEW, null);
        PathGrant ownNoneDeeper = new PathGrant("USER", ALICE, 0, NONE, deeper);
        assertEquals(Optional.of(groupOnRoom), PermissionRules.decidingGrant(List.of(groupOnRoom, ownNoneDeeper)),
                "an own NONE below a group's VIEW: the group's grant on the room decides (PERM-3)");
        PathGrant ownOnRoom = new PathGrant("USER", ALICE, Integer.MAX_VALUE, DOWNLOAD, null);
        assertEquals(Optional.of(ownNoneDeeper), PermissionRules.decidingGrant(List.of(ownOnRoom, ownNoneDeeper)),
                "an own NONE below an own DOWNLOAD decides: NONE on that folder (PERM-2)");
        PathGrant groupOnFolder = new PathGrant("GROUP", SALES, 2, VIEW, folder);
        PathGrant ownView = new PathGrant("USER", ALICE, 3, VIEW, UUID.randomUUID());
        assertEquals(Optional.of(ownView), PermissionRules.decidingGrant(List.of(groupOnFolder, ownView)),
                "among equal levels the user's own grant is named");
        assertEquals(Optional.empty(), PermissionRules.decidingGrant(List.of()), "no grant: NONE, no source");

        // the reason never disagrees with the level: over random paths the deciding grant's level is the effective one
        java.util.Random random = new java.util.Random(22);
        Permission[] levels = Permission.values();
        UUID[] groups = {SALES, UUID.randomUUID(), UUID.randomUUID()};
        for (int run = 0; run < 2000; run++) {
            List<PathGrant> path = new java.util.ArrayList<>();
            for (int n = random.nextInt(7); n > 0; n--) {
                int depth = random.nextInt(5) == 0 ? Integer.MAX_VALUE : random.nextInt(4);
                path.add(random.nextBoolean() ? new PathGrant("USER", ALICE, depth, levels[random.nextInt(5)],
                        UUID.randomUUID()) : new PathGrant("GROUP", groups[random.nextInt(3)], depth,
                        levels[random.nextInt(5)], UUID.randomUUID()));
            }
            Optional<PathGrant> deciding = PermissionRules.decidingGrant(path);
            assertEquals(effective(path), deciding.map(PathGrant::permission).orElse(NONE), "path " + path);
            deciding.ifPresent(d -> assertTrue(path.stream().noneMatch(g -> g.principalType().equals(d.principalType())
                    && g.principalId().equals(d.principalId()) && g.depth() < d.depth()),
                    "the deciding grant is its principal's nearest: " + path));
        }
    }
}
