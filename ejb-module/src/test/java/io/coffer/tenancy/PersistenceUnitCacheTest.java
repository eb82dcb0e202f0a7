package io.coffer.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * FD-4, what keeps one tenant's rows out of another's reads through a cache: Coffer's own persistence unit (the one
 * packaged in the EAR, read from the class path) has no second-level cache ({@code shared-cache-mode NONE}), and
 * should one ever be switched on, tenants do not share it ({@code eclipselink.multitenant.tenants-share-cache} false:
 * EclipseLink then isolates every multitenant entity per tenant; stack-facts: {@code true} served tenant A's row to
 * tenant B's {@code find}). The in-container TenantWallsIT.fd4_* reads through a copy of the unit.
 */
class PersistenceUnitCacheTest {

    @Test
    void fd4_coffersUnitHasNoSharedCacheAndTenantsWouldNotShareOne() throws Exception {
        Document xml;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/persistence.xml")) {
            assertTrue(in != null, "Coffer's persistence.xml is on the class path");
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            xml = factory.newDocumentBuilder().parse(in);
        }
        NodeList units = xml.getElementsByTagNameNS("*", "persistence-unit");
        assertTrue(units.getLength() > 0, "at least one unit");
        for (int i = 0; i < units.getLength(); i++) {
            Element unit = (Element) units.item(i);
            String name = unit.getAttribute("name");
            NodeList mode = unit.getElementsByTagNameNS("*", "shared-cache-mode");
            assertEquals(1, mode.getLength(), name + " states its shared-cache-mode");
            assertEquals("NONE", mode.item(0).getTextContent().trim(), name + " has no second-level cache");
            NodeList properties = unit.getElementsByTagNameNS("*", "property");
            boolean stated = false;
            for (int p = 0; p < properties.getLength(); p++) {
                Element property = (Element) properties.item(p);
                String key = property.getAttribute("name");
                String value = property.getAttribute("value").trim();
                if (key.equals("eclipselink.multitenant.tenants-share-cache")) {
                    stated = true;
                    assertEquals("false", value, name + ": tenants never share a cache");
                }
                assertFalse(key.startsWith("eclipselink.cache.shared") && value.equalsIgnoreCase("true"),
                        name + ": " + key + " switches a shared cache on");
            }
            assertTrue(stated, name + " states tenants-share-cache=false (its default may change)");
        }
    }
}
