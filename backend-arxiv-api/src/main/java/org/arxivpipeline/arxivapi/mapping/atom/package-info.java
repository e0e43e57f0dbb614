/**
 * JAXB binding of arXiv's Atom feed. Elements are matched by namespace URI, never by prefix, and in
 * any order: the legacy format (2016–2025) declares the OpenSearch and arXiv namespaces on each
 * element and orders children differently from the current one, and both read the same.
 */
@XmlSchema(namespace = Namespaces.ATOM, elementFormDefault = XmlNsForm.QUALIFIED)
@XmlAccessorType(XmlAccessType.FIELD)
package org.arxivpipeline.arxivapi.mapping.atom;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;
