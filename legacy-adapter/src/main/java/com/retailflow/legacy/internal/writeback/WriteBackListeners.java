package com.retailflow.legacy.internal.writeback;

import com.retailflow.catalog.CatalogImported;
import com.retailflow.catalog.CategoryRemoved;
import com.retailflow.catalog.PriceChanged;
import com.retailflow.catalog.ProductChanged;
import com.retailflow.catalog.ProductsChanged;
import com.retailflow.inventory.StockChanged;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Write-back triggers: the modules' own events, delivered at least once through the event publication registry (a
 * crash between the module's commit and the legacy write leaves the publication incomplete, and it is delivered
 * again). Idempotent because {@link LegacyWriteBack} copies state. While legacy owns a module's data they do
 * nothing: those events are the stream's own applies, or new-side writes that legacy is to overwrite.
 */
@Component
class WriteBackListeners {

	static final String ID_PREFIX = "legacy.write-back.";

	private final LegacyWriteBack writeBack;

	WriteBackListeners(LegacyWriteBack writeBack) {
		this.writeBack = writeBack;
	}

	@ApplicationModuleListener(id = ID_PREFIX + "product-changed")
	void on(ProductChanged event) {
		writeBack.product(event.productId());
	}

	@ApplicationModuleListener(id = ID_PREFIX + "price-changed")
	void on(PriceChanged event) {
		writeBack.product(event.productId());
	}

	@ApplicationModuleListener(id = ID_PREFIX + "products-changed")
	void on(ProductsChanged event) {
		event.productIds().forEach(writeBack::product);
	}

	@ApplicationModuleListener(id = ID_PREFIX + "catalog-imported")
	void on(CatalogImported event) {
		if (event.kind() == CatalogImported.Kind.CATEGORIES) {
			writeBack.categories();
		}
	}

	@ApplicationModuleListener(id = ID_PREFIX + "category-removed")
	void on(CategoryRemoved event) {
		writeBack.categoryRemoved(event.categoryId());
	}

	@ApplicationModuleListener(id = ID_PREFIX + "stock-changed")
	void on(StockChanged event) {
		writeBack.stock(event.sku());
	}
}
