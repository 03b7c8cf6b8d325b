package io.chainwatch.formats.cyclonedx;

import io.chainwatch.ingest.InputRejected;
import io.chainwatch.ingest.Source;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * A streaming pass over CycloneDX XML before the library maps it. It refuses any DOCTYPE (CycloneDX never needs one,
 * and refusing it is the simplest proof that no entity, external or internal, is ever expanded), bounds element depth,
 * reads the spec version from the namespace, and records the line of every listed component so that a problem found
 * later in the mapped BOM can still name its line.
 */
final class XmlBomScan {
  static final String NAMESPACE_PREFIX = "http://cyclonedx.org/schema/bom/";
  static final int MAX_DEPTH = 256;

  /**
   * @param metadataComponentLines lines of {@code metadata/component} and its nested components, in document order
   * @param componentLines lines of the {@code bom/components} tree, in document order
   * @param timestamp {@code metadata/timestamp} as written, if present: read here because the library's model puts
   *     the current time in place of a missing one
   */
  record Result(
      String specVersion, @Nullable String timestamp, long timestampLine, List<Long> metadataComponentLines,
      List<Long> componentLines) {}

  private enum Role { BOM, METADATA, TIMESTAMP, COMPONENTS, COMPONENT, OTHER }

  private XmlBomScan() {}

  static Result scan(Source source, byte[] bytes) {
    XMLStreamReader r = null;
    try {
      r = hardenedFactory().createXMLStreamReader(new ByteArrayInputStream(bytes));
      String declared = r.getCharacterEncodingScheme();
      if (declared != null && !declared.equalsIgnoreCase("UTF-8")) {
        throw source.reject("line 1", "declares the encoding " + declared + "; CycloneDX XML must be UTF-8");
      }
      String specVersion = null;
      List<Long> metadataLines = new ArrayList<>();
      List<Long> componentLines = new ArrayList<>();
      Deque<Role> open = new ArrayDeque<>();
      boolean inMetadata = false;
      String timestamp = null;
      long timestampLine = 0;
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.DTD) {
          throw source.reject(place(r.getLocation()),
              "has a DOCTYPE declaration; CycloneDX XML needs none, and entities are never expanded");
        } else if (event == XMLStreamConstants.ENTITY_REFERENCE) {
          throw source.reject(place(r.getLocation()), "uses the entity &" + r.getLocalName() + "; which is not allowed");
        } else if (event == XMLStreamConstants.START_ELEMENT) {
          if (open.size() >= MAX_DEPTH) {
            throw source.reject(place(r.getLocation()), "nests elements deeper than " + MAX_DEPTH + " levels");
          }
          if (open.isEmpty()) specVersion = rootVersion(source, r);
          Role role = roleOf(open.peek(), r.getLocalName(), open.isEmpty());
          if (role == Role.METADATA) inMetadata = true;
          if (role == Role.TIMESTAMP) {
            timestampLine = r.getLocation().getLineNumber();
            timestamp = r.getElementText();
            continue; // getElementText has consumed the end tag
          }
          if (role == Role.COMPONENT) (inMetadata ? metadataLines : componentLines).add((long) r.getLocation().getLineNumber());
          open.push(role);
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          if (open.pop() == Role.METADATA) inMetadata = false;
        }
      }
      if (specVersion == null) throw source.reject(null, "has no root element");
      return new Result(specVersion, timestamp, timestampLine, metadataLines, componentLines);
    } catch (XMLStreamException e) {
      throw new InputRejected(source.name(), place(e.getLocation()), "is not well-formed XML: " + problem(e), e);
    } finally {
      close(r);
    }
  }

  /**
   * The role of an element, from its parent's: listed components are {@code bom/metadata/component},
   * {@code bom/components/component} and {@code component/components/component} below either. Components elsewhere
   * (pedigree ancestors, say) are not installations.
   */
  private static Role roleOf(@Nullable Role parent, String name, boolean root) {
    if (root) return Role.BOM;
    if (parent == Role.BOM && name.equals("metadata")) return Role.METADATA;
    if (parent == Role.METADATA && name.equals("timestamp")) return Role.TIMESTAMP;
    if ((parent == Role.BOM || parent == Role.COMPONENT) && name.equals("components")) return Role.COMPONENTS;
    if ((parent == Role.METADATA || parent == Role.COMPONENTS) && name.equals("component")) return Role.COMPONENT;
    return Role.OTHER;
  }

  private static String rootVersion(Source source, XMLStreamReader r) {
    String ns = r.getNamespaceURI();
    if (!r.getLocalName().equals("bom") || ns == null || !ns.startsWith(NAMESPACE_PREFIX)) {
      throw source.reject(place(r.getLocation()),
          "has the root element " + (ns == null || ns.isEmpty() ? "" : "{" + ns + "}") + r.getLocalName()
              + ", not a CycloneDX bom");
    }
    return SpecVersions.require(source, place(r.getLocation()), ns.substring(NAMESPACE_PREFIX.length()));
  }

  private static XMLInputFactory hardenedFactory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    return f;
  }

  static @Nullable String place(@Nullable Location location) {
    if (location == null || location.getLineNumber() < 1) return null;
    return "line " + location.getLineNumber() + (location.getColumnNumber() > 0 ? ", column " + location.getColumnNumber() : "");
  }

  private static String problem(XMLStreamException e) {
    // StAX messages repeat the location after a line break; the place already says it.
    String message = e.getMessage() == null ? "unknown error" : e.getMessage();
    int at = message.indexOf("Message: ");
    if (at >= 0) message = message.substring(at + "Message: ".length());
    int cut = message.indexOf('\n');
    return (cut < 0 ? message : message.substring(0, cut)).strip();
  }

  private static void close(@Nullable XMLStreamReader r) {
    if (r == null) return;
    try {
      r.close();
    } catch (XMLStreamException ignored) {
      // Nothing is left to release: the input is an in-memory array.
    }
  }
}
